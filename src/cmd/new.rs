//! `briefs new brief` and `briefs new expert`: write one new file and print its path.

use crate::cli::NewCommand;
use briefs::{NewBrief, new_brief, new_expert};

/// Writes the file; prints the path written.
pub(crate) fn run(command: NewCommand) -> anyhow::Result<()> {
    let path = match command {
        NewCommand::Brief(a) => new_brief(&NewBrief {
            root: a.root,
            title: a.title,
            experts: a.experts,
            topics: a.topics,
            kind: a.kind,
            slug: a.slug,
            lang: a.lang,
        })?,
        NewCommand::Expert(a) => new_expert(&a.root, &a.name, a.id.as_deref())?,
    };
    println!("{}", path.display());
    Ok(())
}
