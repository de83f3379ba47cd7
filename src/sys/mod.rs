//! The operating system, used safely: the wall clock (`clock`, which `QBANK_NOW` can set), the
//! user's files read and written (`fs`), where qbank keeps its data (`paths`), and the signals
//! that ask it to stop (`signals`).

pub mod clock;
pub mod editor;
pub mod fs;
pub mod paths;
pub mod signals;
