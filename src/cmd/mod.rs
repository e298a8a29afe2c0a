//! One file per subcommand: arguments in, one library call, a printed summary out.

pub mod build;
