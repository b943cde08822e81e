//! Old addresses converted as an independent converter converts them
//! (issue #14 item 5): the rate is printed on every run and held to ≥ 99 %.

mod score;

#[test]
fn old_addresses_agree_with_an_independent_converter() -> Result<(), Box<dyn std::error::Error>> {
    let units = gocua_api::units::units()?;
    let (by, all, misses) = score::score(units);
    println!(
        "old-address conversion vs vietnamadminunits 1.0.4:\n{}",
        score::report(&by, &all)
    );
    for m in misses.iter().take(40) {
        println!("{m}");
    }
    assert!(
        all.compared >= 3000,
        "the sample must keep a few thousand addresses"
    );
    assert!(
        all.rate() >= score::TARGET,
        "agreement {:.2} % is under the target {:.0} %",
        100.0 * all.rate(),
        100.0 * score::TARGET
    );
    Ok(())
}
