//! Drawing speed of the table screen (filled in below).
fn main() {}
