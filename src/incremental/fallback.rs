//! Why a rebuild took the full path instead of the quick one: every refusal
//! of the quick path names its reason, so `serve -v`, `/__briefs/status`
//! and the latency tools can say why a save was slow.

use crate::model::Refusal;
use std::fmt;
use std::path::{Path, PathBuf};

/// What a quick rebuild came to: the kept model patched, or the reason the
/// full path must run instead (nothing was changed then).
pub(super) enum QuickRebuild {
    Patched(super::Rebuild),
    Fallback { reason: FallbackReason },
}

/// Why a rebuild took the full path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FallbackReason {
    /// No site kept from an earlier rebuild: the first build, or the last
    /// one failed.
    NoKeptModel,
    /// The rebuild was not told which files changed.
    NotTold,
    /// The watcher named no file.
    NothingNamed,
    /// The last check of every file found errors: all are checked again.
    IncompleteCache,
    /// `site.yaml` changed (or the base URL or drafts setting).
    ConfigChanged,
    /// A template (of the site or its theme) changed.
    TemplateChanged,
    /// An embargo passed: a brief is published and the site changes shape.
    EmbargoPassed,
    /// An expert file changed, came or went.
    ExpertChanged(PathBuf),
    /// A plain page changed, came or went.
    PageChanged(PathBuf),
    /// A static file changed.
    StaticChanged(PathBuf),
    /// Some other file, not a brief's Markdown file.
    OtherFile(PathBuf),
    /// A path outside the site root.
    OutsideRoot(PathBuf),
    /// A symbolic link: the full listing checks where it leads.
    Symlink(PathBuf),
    /// A folder changed, came or went.
    FolderChanged(PathBuf),
    /// A brief with an image or PDF beside it came, went, moved or changed
    /// its files: the full path copies them.
    BriefFiles(PathBuf),
    /// A brief file that cannot be read or parsed (the full path reports it).
    BrokenBrief(PathBuf),
    /// More than 16 briefs (`quick::MAX_REFERENCE_EDITS`) changed more than their text at once.
    TooManyReferenceEdits(usize),
    /// A brief took the URL of another brief file.
    UrlTaken(String),
    /// Links of other briefs to this slug would break.
    LinkWouldBreak(String),
    /// A brief names an expert or a brief the site does not know.
    Unresolved(PathBuf),
    /// The kept model does not know a brief it should.
    Unknown(PathBuf),
    /// The model refused to put a brief in or take it out.
    Refused(Refusal),
    /// The site has several languages (or Unicode slugs): every rebuild
    /// renders the whole site and writes the files that changed.
    SeveralLanguages,
    /// A brief says `lang:` or `translation_of:` (checked by the full path).
    Translation(PathBuf),
    /// A translation file of the site (`i18n/`) changed.
    StringsChanged,
}

impl FallbackReason {
    /// The reason a changed file that is not a brief's Markdown file
    /// (`path`, relative to the site root) gives.
    pub(crate) fn not_a_brief(path: &Path) -> FallbackReason {
        let top = path.components().next().map(|c| c.as_os_str());
        let first = top.and_then(|c| c.to_str()).unwrap_or("");
        let owned = path.to_path_buf();
        match first {
            _ if path.starts_with("content/experts") => FallbackReason::ExpertChanged(owned),
            _ if path.starts_with("content/pages") => FallbackReason::PageChanged(owned),
            "templates" | "themes" => FallbackReason::TemplateChanged,
            "i18n" => FallbackReason::StringsChanged,
            "static" => FallbackReason::StaticChanged(owned),
            crate::config::CONFIG_FILE => FallbackReason::ConfigChanged,
            _ => FallbackReason::OtherFile(owned),
        }
    }
}

impl fmt::Display for FallbackReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FallbackReason::*;
        match self {
            NoKeptModel => write!(f, "no site kept from an earlier rebuild"),
            NotTold => write!(f, "not told which files changed"),
            NothingNamed => write!(f, "no changed file named"),
            IncompleteCache => write!(f, "the last check found errors"),
            ConfigChanged => write!(f, "site.yaml changed"),
            TemplateChanged => write!(f, "a template changed"),
            EmbargoPassed => write!(f, "an embargo passed"),
            ExpertChanged(p) => write!(f, "an expert file changed ({})", p.display()),
            PageChanged(p) => write!(f, "a page changed ({})", p.display()),
            StaticChanged(p) => write!(f, "a static file changed ({})", p.display()),
            OtherFile(p) => write!(f, "{} is not a brief file", p.display()),
            OutsideRoot(p) => write!(f, "{} is outside the site", p.display()),
            Symlink(p) => write!(f, "{} is a symbolic link", p.display()),
            FolderChanged(p) => write!(f, "a folder changed ({})", p.display()),
            BriefFiles(p) => write!(f, "the files beside {} changed", p.display()),
            BrokenBrief(p) => write!(f, "{} cannot be read or parsed", p.display()),
            TooManyReferenceEdits(n) => write!(
                f,
                "more than {} briefs changed more than their text ({n})",
                super::quick::MAX_REFERENCE_EDITS
            ),
            UrlTaken(slug) => write!(f, "URL /briefs/{slug}/ is another file's"),
            LinkWouldBreak(slug) => write!(f, "a link to /briefs/{slug}/ would break"),
            Unresolved(p) => write!(f, "{} names an unknown expert or brief", p.display()),
            Unknown(p) => write!(f, "the kept site does not know {}", p.display()),
            Refused(why) => write!(f, "{why}"),
            SeveralLanguages => write!(f, "the site has several languages or Unicode slugs"),
            Translation(p) => write!(f, "{} names a language or an original", p.display()),
            StringsChanged => write!(f, "a translation file changed"),
        }
    }
}

impl From<Refusal> for FallbackReason {
    fn from(why: Refusal) -> FallbackReason {
        FallbackReason::Refused(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_files_that_are_not_briefs_name_their_reason() {
        let cases = [
            (
                "content/experts/x.md",
                "an expert file changed (content/experts/x.md)",
            ),
            (
                "content/pages/about.md",
                "a page changed (content/pages/about.md)",
            ),
            ("templates/brief.html", "a template changed"),
            ("i18n/ar.yaml", "a translation file changed"),
            ("themes/default/templates/base.html", "a template changed"),
            ("static/logo.png", "a static file changed (static/logo.png)"),
            ("site.yaml", "site.yaml changed"),
            ("notes.txt", "notes.txt is not a brief file"),
        ];
        for (path, expected) in cases {
            let reason = FallbackReason::not_a_brief(Path::new(path));
            assert_eq!(reason.to_string(), expected, "{path}");
        }
    }
}
