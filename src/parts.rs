//! Split points: the parts of the app fetched on first use (every page but Home, in `routes.rs`,
//! and the backup export of the first screen's banners). With the `split` feature (the release
//! build of `scripts/build.sh`), [`part!`] puts a function's code in a part of its own, which
//! `wasm-split-cli` cuts out of the first part; without it, the function is a plain one.
//!
//! Invariant: a part that cannot be fetched never stops the app. The network may drop on a first
//! visit, before the service worker has saved every part: the call then returns [`NotFetched`],
//! the page says so, and the next call fetches again (neither the loader nor the script around it
//! keeps a failure). Leptos' own `#[lazy]` panics there instead, which aborts the whole app.

use leptos::wasm_split::SplitLoaderError;

/// A part of the app could not be fetched. Its text is what the user reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotFetched;

impl NotFetched {
    pub const MESSAGE: &str = "This part of Weak Ties could not be loaded: the connection may have dropped. Check it and try again.";
}

impl From<SplitLoaderError> for NotFetched {
    fn from(_: SplitLoaderError) -> Self {
        NotFetched
    }
}

/// `part!(fn name(args) -> T { body })` defines `async fn name(args) -> Result<T, NotFetched>`.
/// Under the `split` feature its body is in a part of its own, fetched on the first call.
macro_rules! part {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::parts::NotFetched> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::parts::NotFetched> {
            Ok($body)
        }
    };
}
pub(crate) use part;
