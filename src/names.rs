//! One macro for the enums whose values have names in options, links and the page: the enum, its
//! `ALL` values and `NAMES` in order, `name()` and `from_name()`, written once.

/// `named! { /// doc  pub enum T { /// doc  A = "a", B = "b" } }`
#[macro_export]
macro_rules! named {
    ($(#[$m:meta])* $vis:vis enum $t:ident { $($(#[$vm:meta])* $v:ident = $n:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $t {
            $($(#[$vm])* $v),+
        }

        impl $t {
            /// Every value, in order.
            pub const ALL: [$t; [$($n),+].len()] = [$($t::$v),+];
            /// Their names, in the same order.
            pub const NAMES: [&'static str; [$($n),+].len()] = [$($n),+];

            /// The name options, links and the page's attributes carry.
            pub fn name(self) -> &'static str {
                match self {
                    $($t::$v => $n),+
                }
            }

            /// The value with this name, if any has it.
            pub fn from_name(name: &str) -> Option<$t> {
                // A loop over the names, not a comparison per value unrolled (smaller wasm).
                let i = $t::NAMES.iter().position(|n| *n == name)?;
                Some($t::ALL[i])
            }
        }
    };
}
