//! Stage 5: output on disk. The site is written into a staging folder beside
//! the output folder and swapped in for it in one step only once everything
//! succeeded, so a failed build leaves the last good site untouched and the
//! output folder never goes missing. Each successful build's output is
//! exactly what a clean build gives, whatever earlier builds left. Builds of
//! one output take turns (a lock); output folders that would destroy
//! sources, or that briefs did not make, are refused.

mod output;
mod prune;
mod sink;
mod staging;
mod stale;
mod swap;

pub(crate) use output::{check_output, output_folder};
pub(crate) use sink::DiskSink;
pub use sink::MemorySink;
pub(crate) use staging::Staging;
pub(crate) use swap::OutputLock;

/// The file briefs leaves in every output folder it made.
pub(crate) const MARKER: &str = ".briefs-output";

/// How a build writes to disk.
#[derive(Clone, Copy)]
pub struct DiskOptions<'a> {
    /// Replace an output folder briefs did not make.
    pub force: bool,
    /// Told the output folder when another build of it is running and this
    /// one waits for it.
    pub on_wait: &'a dyn Fn(&std::path::Path),
    /// Simulates a disk with this many bytes free (tests).
    pub space: Option<u64>,
}

impl Default for DiskOptions<'_> {
    fn default() -> Self {
        DiskOptions {
            force: false,
            on_wait: &|_| {},
            space: None,
        }
    }
}
