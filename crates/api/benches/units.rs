//! Old-address conversion benchmark: agreement with an independent converter
//! and speed, in one run.
//!
//! Agreement: every address of `data/admin-units/agreement.tsv` (3,826 old
//! addresses in five spellings — formal, abbreviated, no diacritics, with a
//! street, former names —, each with the commune the `vietnamadminunits`
//! package gives) converted by ours; printed per spelling. Target (issue
//! #14): ≥ 99 % the same commune without a question. The test
//! `old_addresses_agree_with_an_independent_converter` holds it in CI.
//!
//! Speed: p50/p95 per conversion beside the baseline of one commune search
//! of the address picker (a scan of the 3,321 communes, run on every key the
//! volunteer types), over the same addresses, and the ratio.
//! Run: `cargo bench -p gocua-api --bench units`.

use std::time::{Duration, Instant};

#[path = "../tests/it/units/score.rs"]
mod score;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn timed(addresses: &[&str], mut f: impl FnMut(&str)) -> (Duration, Duration) {
    let mut times: Vec<Duration> = addresses
        .iter()
        .map(|a| {
            let t = Instant::now();
            f(a);
            t.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let units = gocua_api::units::units()?;
    let (by, all, misses) = score::score(units);
    println!(
        "old-address conversion vs vietnamadminunits 1.0.4 (target ≥ {:.0} %):",
        100.0 * score::TARGET
    );
    print!("{}", score::report(&by, &all));
    for m in &misses {
        println!("{m}");
    }

    let cases = score::cases();
    let addresses: Vec<&str> = cases.iter().map(|(_, a, _)| *a).collect();
    // Warm up once, then measure.
    let _ = timed(&addresses, |a| {
        let _ = units.convert(a);
    });
    let convert = timed(&addresses, |a| {
        let _ = units.convert(a);
    });
    let search = timed(&addresses, |a| {
        let _ = units.search_communes(a, 10);
    });
    println!(
        "\nper address   p50        p95\nconvert       {:>8.1?}  {:>8.1?}\npicker search {:>8.1?}  {:>8.1?}\nratio         {:>8.2}×  {:>8.2}×",
        convert.0,
        convert.1,
        search.0,
        search.1,
        convert.0.as_secs_f64() / search.0.as_secs_f64(),
        convert.1.as_secs_f64() / search.1.as_secs_f64(),
    );
    Ok(())
}
