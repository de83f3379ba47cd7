//! What qbank shares with other tools in both directions: the field names a column or key may
//! use, spreadsheet cells for lists, and the Anki note format. Export writes with it, import
//! reads with it, and neither reads through the other.

pub mod anki;
pub mod cells;
pub mod field;
