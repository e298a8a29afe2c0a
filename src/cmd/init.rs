//! `briefs init DIR`: makes a new site and prints the files it wrote.

use crate::cli::InitArgs;

/// Makes the site; prints each file written and the next step.
pub(crate) fn run(args: InitArgs) -> anyhow::Result<()> {
    let written = briefs::init_site(&args.dir, args.theme)?;
    for path in &written {
        println!("{}", path.display());
    }
    println!(
        "made a new site in {}; next: cd {} && briefs serve",
        args.dir.display(),
        args.dir.display()
    );
    Ok(())
}
