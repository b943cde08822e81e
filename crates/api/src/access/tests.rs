//! The access table: each command's rule in each session state, and the
//! snapshot that holds the rules to the reviewed ones.

mod snapshot {
    use crate::access::Access;

    /// The table as text: one command a line, with its rule.
    fn render() -> String {
        let mut rows: Vec<String> = crate::surface::COMMANDS
            .iter()
            .map(|c| {
                let rule = match c.access {
                    Access::Anyone => "anyone",
                    Access::Staff => "staff",
                    Access::Lead => "lead",
                };
                format!("{:<28} {rule}\n", c.name)
            })
            .collect();
        rows.sort();
        rows.concat()
    }

    /// Loosening (or tightening) one command's rule fails here until the
    /// snapshot `access.snap` is consciously updated: run the test with
    /// `GOCUA_BLESS=1` and commit the file with the change that needs it.
    #[test]
    fn the_access_table_is_the_one_reviewed() {
        let now = render();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/access.snap");
        if std::env::var("GOCUA_BLESS").is_ok_and(|v| v == "1") {
            std::fs::write(path, &now).unwrap_or_else(|e| panic!("{path}: {e}"));
            return;
        }
        let reviewed = include_str!("../access.snap");
        if now != reviewed {
            let changed: Vec<String> = now
                .lines()
                .filter(|l| !reviewed.lines().any(|r| r == *l))
                .map(|l| format!("now:      {l}"))
                .chain(
                    reviewed
                        .lines()
                        .filter(|r| !now.lines().any(|l| l == *r))
                        .map(|r| format!("reviewed: {r}")),
                )
                .collect();
            panic!(
                "the access table changed (GOCUA_BLESS=1 to accept it):\n{}",
                changed.join("\n")
            );
        }
    }
}

mod table {
    use crate::access::Access;
    use crate::dto::OperatorUnlock;
    use crate::surface::{access_of, check};
    use crate::{Ctx, CtxOptions};

    #[derive(Debug, Clone, Copy)]
    enum State {
        Kiosk,
        Locked,
        Volunteer,
        Lead,
    }

    fn expected(access: Access, state: State) -> bool {
        matches!(
            (access, state),
            (Access::Anyone, _)
                | (Access::Staff, State::Volunteer | State::Lead)
                | (Access::Lead, State::Lead)
        )
    }

    /// Every command of the table, in each of the four states.
    #[test]
    fn every_command_is_allowed_exactly_as_the_table_says()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        for (name, role, pin) in [
            ("Lan", "lead", "480916"),
            ("Minh", "volunteer", "593027"),
            ("Ki-ốt", "kiosk", "735102"),
        ] {
            crate::operator_add(&ctx, crate::operators::op(name, role, pin))?;
        }
        let unlock = |name: &str, pin: &str| {
            crate::session::session_unlock(
                &ctx,
                OperatorUnlock {
                    name: name.into(),
                    pin: pin.into(),
                },
            )
        };
        for state in [State::Locked, State::Kiosk, State::Volunteer, State::Lead] {
            crate::session::session_lock(&ctx)?;
            match state {
                State::Locked => {}
                State::Kiosk => {
                    unlock("Ki-ốt", "735102")?;
                }
                State::Volunteer => {
                    // Leaving kiosk mode (left by the previous state, if any).
                    ctx.set_session(crate::session::Session::default())?;
                    unlock("Minh", "593027")?;
                }
                State::Lead => {
                    unlock("Lan", "480916")?;
                }
            }
            for c in crate::surface::COMMANDS {
                let (name, access) = (c.name, &c.access);
                let allowed = check(&ctx, name).is_ok();
                assert_eq!(
                    allowed,
                    expected(*access, state),
                    "{name} ({access:?}) in {state:?}"
                );
            }
        }
        assert!(check(&ctx, "no_such_command").is_err());
        Ok(())
    }

    /// A new installation is never open: nothing but the first-lead screen
    /// and what anyone may see, until the first lead exists.
    #[test]
    fn a_new_installation_is_locked_until_its_first_lead()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let s = crate::session::session_get(&ctx)?;
        assert!(s.locked && s.needs_first_lead);
        for c in crate::surface::COMMANDS {
            assert_eq!(
                check(&ctx, c.name).is_ok(),
                c.access == Access::Anyone,
                "{}",
                c.name
            );
        }
        // The role asked is ignored: the first operator is a lead.
        let lead = crate::operators::op("Lan", "volunteer", "480916");
        let s = crate::session::first_lead(&ctx, lead.clone())?;
        assert!(!s.locked && !s.needs_first_lead);
        assert_eq!(s.operator.map(|o| o.role), Some(crate::dto::Role::Lead));
        check(&ctx, "operator_add")?;
        // Only once.
        crate::session::session_lock(&ctx)?;
        assert!(
            crate::session::first_lead(
                &ctx,
                crate::dto::OperatorAdd {
                    name: "Mallory".into(),
                    ..lead
                }
            )
            .is_err()
        );
        assert!(crate::session::session_get(&ctx)?.locked);
        Ok(())
    }

    /// The idle lock holds in Rust: a session nobody touched for the idle
    /// time is locked, whatever the window does.
    #[test]
    fn an_idle_session_expires() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let now = std::sync::Arc::new(std::sync::Mutex::new(
            time::macros::datetime!(2026-12-01 08:00 UTC),
        ));
        let mut opts = CtxOptions::for_tests(dir.path());
        let clock = now.clone();
        opts.clock = std::sync::Arc::new(move || {
            *clock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        });
        let ctx = Ctx::open(opts)?;
        crate::session::first_lead(&ctx, crate::operators::op("Lan", "lead", "480916"))?;
        let idle = i64::from(ctx.idle_seconds().0 + crate::session::EXPIRY_GRACE_SECONDS);
        let advance = |secs: i64| {
            let mut t = now
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *t += time::Duration::seconds(secs);
        };
        advance(idle - 10);
        check(&ctx, "citizen_list")?;
        crate::session::session_touch(&ctx)?;
        advance(idle - 10);
        check(&ctx, "citizen_list")?; // touched in between: still open
        advance(20);
        assert_eq!(
            check(&ctx, "citizen_list").err().map(|e| e.code()),
            Some(crate::ErrorCode::Forbidden)
        );
        // A touch after expiry does not reopen it.
        assert!(crate::session::session_touch(&ctx)?.locked);
        Ok(())
    }

    #[test]
    fn where_data_goes_is_a_leads_decision() {
        for name in [
            "set_portal_url",
            "catalog_import",
            "operator_add",
            "operator_remove",
        ] {
            assert_eq!(access_of(name), Some(Access::Lead), "{name}");
        }
        assert_eq!(
            access_of("operator_unlock"),
            None,
            "merged into session_unlock"
        );
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = crate::surface::COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
