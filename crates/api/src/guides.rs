//! Guide content: VNeID level 1/2 and activation, portal login, payment and
//! signatures, and troubleshooting trees.
//!
//! The content is data, not code: `data/guides/guides.json` is embedded, and
//! a `guides.json` placed in the data directory replaces it — so a team can
//! correct a step without a new build. Either is validated on load.

use std::collections::HashSet;

use crate::dto::Guides;
use crate::{ApiError, Ctx, Result};

const SHIPPED: &str = include_str!("../../../data/guides/guides.json");

/// The file name of the override in the data directory.
pub const OVERRIDE_FILE: &str = "guides.json";

/// Parses and checks guide content: format, unique ids, tree links.
pub fn parse(json: &str) -> Result<Guides> {
    let invalid = |path: String, detail: String| ApiError::InvalidPack { path, detail };
    let de = &mut serde_json::Deserializer::from_str(json);
    let g: Guides = serde_path_to_error::deserialize(de)
        .map_err(|e| invalid(e.path().to_string(), e.into_inner().to_string()))?;
    if g.format != "gocua-guides" || g.format_version != 1 {
        return Err(invalid(
            "format".into(),
            "not gocua-guides version 1".into(),
        ));
    }
    let mut ids = HashSet::new();
    for (i, guide) in g.guides.iter().enumerate() {
        if !ids.insert(guide.id.as_str()) {
            return Err(invalid(format!("guides[{i}].id"), "duplicate id".into()));
        }
        let mut steps = HashSet::new();
        for (j, s) in guide.steps.iter().enumerate() {
            if !steps.insert(s.id.as_str()) || s.text.vi.trim().is_empty() {
                return Err(invalid(
                    format!("guides[{i}].steps[{j}]"),
                    "duplicate id or empty text".into(),
                ));
            }
        }
    }
    for (i, tree) in g.trees.iter().enumerate() {
        let nodes: HashSet<&str> = tree.nodes.iter().map(|n| n.id.as_str()).collect();
        if nodes.len() != tree.nodes.len() || !nodes.contains(tree.root.as_str()) {
            return Err(invalid(
                format!("trees[{i}]"),
                "duplicate node ids or missing root".into(),
            ));
        }
        for (j, n) in tree.nodes.iter().enumerate() {
            if n.options.is_empty() == n.advice.is_empty() {
                return Err(invalid(
                    format!("trees[{i}].nodes[{j}]"),
                    "needs either options or advice".into(),
                ));
            }
            if let Some(k) = n
                .options
                .iter()
                .position(|o| !nodes.contains(o.next.as_str()))
            {
                return Err(invalid(
                    format!("trees[{i}].nodes[{j}].options[{k}].next"),
                    "no such node".into(),
                ));
            }
        }
    }
    Ok(g)
}

/// Makes `json` (already checked) the data directory's guides: written
/// whole (temporary file, then rename), private to this user.
pub(crate) fn install(ctx: &Ctx, json: &str) -> Result<()> {
    let path = ctx.data_dir().join(OVERRIDE_FILE);
    let tmp = ctx.data_dir().join(format!("{OVERRIDE_FILE}.tmp"));
    let unreadable = |e: std::io::Error| ApiError::Unreadable {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    gocua_store::files::write_private(&tmp, json.as_bytes()).map_err(|e| ApiError::Unreadable {
        path: tmp.display().to_string(),
        detail: e.to_string(),
    })?;
    std::fs::rename(&tmp, &path).map_err(unreadable)
}

/// The guides in force for this data directory.
pub fn guides(ctx: &Ctx) -> Result<Guides> {
    let path = ctx.data_dir().join(OVERRIDE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => parse(SHIPPED),
        Err(e) => Err(ApiError::Unreadable {
            path: path.display().to_string(),
            detail: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;

    #[test]
    fn shipped_guides_are_valid_and_complete() -> Result<()> {
        let g = parse(SHIPPED)?;
        for id in [
            "vneid-level1",
            "vneid-level2",
            "vneid-activate",
            "portal-login",
            "portal-link-old",
            "payment-signature",
        ] {
            assert!(g.guides.iter().any(|x| x.id == id), "missing guide {id}");
        }
        let tree = &g.trees[0];
        for problem in [
            "face",
            "otp",
            "sim",
            "registered",
            "pending",
            "newphone",
            "wrongdata",
            "forgot",
            "phonechange",
            "phoneused",
            "nonfc",
            "nosms",
        ] {
            assert!(
                tree.nodes.iter().any(|n| n.id == problem),
                "missing trouble node {problem}"
            );
        }
        assert!(
            g.guides
                .iter()
                .all(|x| x.steps.iter().all(|s| s.text.en.is_some()))
        );
        Ok(())
    }

    #[test]
    fn a_file_in_the_data_dir_replaces_the_shipped_guides()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let mut g = guides(&ctx)?;
        g.guides[0].steps[0].text.vi = "Bước đã sửa tại chỗ".into();
        std::fs::write(dir.path().join(OVERRIDE_FILE), serde_json::to_string(&g)?)?;
        assert_eq!(
            guides(&ctx)?.guides[0].steps[0].text.vi,
            "Bước đã sửa tại chỗ"
        );

        g.trees[0].nodes[0].options[0].next = "nowhere".into();
        std::fs::write(dir.path().join(OVERRIDE_FILE), serde_json::to_string(&g)?)?;
        let err = guides(&ctx).err().ok_or("accepted a broken tree")?;
        assert!(err.message_args().iter().any(|(_, v)| v.ends_with(".next")));
        Ok(())
    }
}
