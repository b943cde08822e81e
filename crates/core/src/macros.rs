//! The crate's one way of spelling a closed set: `ALL`, `as_str`, `Display`
//! and `FromStr` from one list of variants and their stored spellings.

/// `spelled!(Type: UnknownError { Variant = "spelling", … })` for an enum
/// declared beside it. Exported: gocua-api spells the command surface's own
/// few sets with it too.
#[macro_export]
macro_rules! spelled {
    ($name:ident: $unknown:ident { $($variant:ident = $text:literal),+ }) => {
        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $unknown;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($unknown(s.to_owned())),
                }
            }
        }
    };
}
