//! The app's areas: the table of the navigation (paths, labels, titles). The router lists its
//! routes in `src/app.rs` and `src/routes.rs`.

/// One area of the app, reachable from the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    /// The link text and page heading.
    pub name: &'static str,
    /// The route path, relative to the app's base.
    pub path: &'static str,
}

/// The navigation, in the order it is shown.
pub const AREAS: [Area; 6] = [
    Area {
        name: "Home",
        path: "/",
    },
    Area {
        name: "Contacts",
        path: "/contacts",
    },
    Area {
        name: "Follow-ups",
        path: "/follow-ups",
    },
    Area {
        name: "Questions",
        path: "/questions",
    },
    Area {
        name: "Templates",
        path: "/templates",
    },
    Area {
        name: "Settings",
        path: "/settings",
    },
];

/// The document title for a page: "Contacts · Weak Ties".
pub fn page_title(heading: &str) -> String {
    format!("{heading} · Weak Ties")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths_are_unique_and_absolute() {
        for (i, a) in AREAS.iter().enumerate() {
            assert!(a.path.starts_with('/'), "{} must be absolute", a.path);
            for b in &AREAS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.path, b.path);
            }
        }
    }

    #[test]
    fn the_navigation_names_the_six_areas() {
        let names: Vec<_> = AREAS.iter().map(|a| a.name).collect();
        assert_eq!(
            names,
            [
                "Home",
                "Contacts",
                "Follow-ups",
                "Questions",
                "Templates",
                "Settings"
            ]
        );
    }

    #[test]
    fn titles_name_the_page_and_the_app() {
        assert_eq!(page_title("Contacts"), "Contacts · Weak Ties");
    }
}
