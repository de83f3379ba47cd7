//! Practice: timed sessions, self-grades, the attempt history and spaced repetition.

pub mod grade;
pub mod history;
