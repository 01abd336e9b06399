//! The binary's modules: the command line's shape and values, and one module per group of
//! commands. `main.rs` parses, dispatches here, and turns errors into exit codes.

pub mod args;
pub mod config;
pub mod docs;
pub mod play;
pub mod saves;
pub mod serve;
pub mod sim;
pub mod validate;
pub mod values;
