//! Parts of the interface that more than one page can use, below the pages and above the state.

pub mod scanner;
