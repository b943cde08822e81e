//! Recall of the catalogue search on a labelled set of queries as citizens
//! type them (`tests/fixtures/search-queries.tsv`), against the shipped pack.
//!
//! Thresholds: the design target is top-3 recall ≥ 95 % (the result list
//! shows at least three procedures, so the right one among them is what the
//! volunteer needs); top-1 must stay ≥ 85 % so that the first line is usually
//! right. Both are printed, with every miss, on each run.

use gocua_api::dto::CatalogSearch;
use gocua_api::{Ctx, CtxOptions};

#[test]
fn labelled_queries_find_their_procedure() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
    let fixture = include_str!("../fixtures/search-queries.tsv");
    let cases: Vec<(&str, &str)> = fixture
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split_once('\t')
                .unwrap_or_else(|| panic!("bad fixture line {l:?}"))
        })
        .collect();
    assert!(
        cases.len() >= 80,
        "the labelled set must keep at least 80 queries"
    );

    let (mut top1, mut top3) = (0, 0);
    let mut misses = Vec::new();
    for (query, want) in &cases {
        let hits = gocua_api::catalog_search(
            &ctx,
            CatalogSearch {
                query: (*query).into(),
                limit: Some(3),
            },
        )?;
        let codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        match codes.iter().position(|c| c == want) {
            Some(0) => {
                top1 += 1;
                top3 += 1;
            }
            Some(_) => {
                top3 += 1;
                misses.push(format!(
                    "  top-3 only  {query:?}: want {want}, got {codes:?}"
                ));
            }
            None => misses.push(format!(
                "  MISS        {query:?}: want {want}, got {codes:?}"
            )),
        }
    }
    let n = cases.len() as f64;
    let (r1, r3) = (f64::from(top1) / n, f64::from(top3) / n);
    println!(
        "search recall over {} labelled queries: top-1 {:.1} %, top-3 {:.1} %",
        cases.len(),
        r1 * 100.0,
        r3 * 100.0
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        r3 >= 0.95,
        "top-3 recall {:.1} % < 95 %\n{}",
        r3 * 100.0,
        misses.join("\n")
    );
    assert!(
        r1 >= 0.85,
        "top-1 recall {:.1} % < 85 %\n{}",
        r1 * 100.0,
        misses.join("\n")
    );
    Ok(())
}
