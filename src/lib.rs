//! qbank: an interview question bank. The corpus is loaded by `loader`, filtered by `query`
//! and presented by the commands in `cmd` through `render`.

pub mod cmd;
pub mod codec;
pub mod error;
pub mod exit;
pub mod export;
pub mod feedback;
pub mod import;
pub mod loader;
pub mod model;
pub mod practice;
pub mod query;
pub mod render;
pub mod sys;
pub mod text;
