//! Words as qbank reads them, and the help it gives with them: "did you mean".

pub mod suggest;
