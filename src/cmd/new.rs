//! `briefs new brief` and `briefs new expert`: write one new file and print its path.

use crate::cli::NewCommand;
use briefs::scaffold;

/// Writes the file; prints the path written.
pub fn run(command: NewCommand) -> anyhow::Result<()> {
    let path = match command {
        NewCommand::Brief(a) => scaffold::new_brief(&scaffold::NewBrief {
            root: a.root,
            title: a.title,
            experts: a.experts,
            topics: a.topics,
            kind: a.kind,
        })?,
        NewCommand::Expert(a) => scaffold::new_expert(&a.root, &a.name)?,
    };
    println!("{}", path.display());
    Ok(())
}
