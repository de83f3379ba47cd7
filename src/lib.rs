//! qbank: an interview question bank. The corpus is loaded by `loader`, filtered by `query`
//! and presented by the commands in `cmd` through `render`; ARCHITECTURE.md draws the layers.

pub mod cmd;
mod codec;
mod config;
pub mod error;
pub mod exit;
mod export;
pub mod feedback;
pub mod import;
pub mod judge;
pub mod loader;
pub mod model;
pub mod practice;
mod query;
pub mod render;
mod sources;
mod sys;
mod text;
pub mod tui;
