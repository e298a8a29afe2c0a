//! One file per subcommand: arguments in, one library call, a printed summary out.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
