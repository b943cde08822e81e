# Administrative units: province → commune picker, old addresses to the new units (since 1 Jul 2025).

units-title = Addresses in the new administrative units
units-intro = Districts were abolished on 1 Jul 2025. Type an old address as printed on the card to see the new commune and province.
units-convert-label = Old address
units-convert-placeholder = For example: 12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh
units-convert-button = Convert
units-result-title = New address
units-result-split = The old ward was split between several new units. Ask where exactly the citizen lives and pick the right one:
units-already-new = The address already uses the new units.
units-old-was = Formerly: { $old }
units-unsure = Not certain: “{ $typed }” was read as { $read }. Ask the citizen again or check their papers.
units-unsure-others = It may also be: { $others }.
units-unsure-pick = It is { $name }
units-former = “{ $typed }” is a former name; it is now { $now }.
units-if-so = If so, the new address is:
units-picker-province = Province or city
units-picker-commune = Commune, ward or special zone
units-picker-choose = — Choose —

cli-units-none = No matching commune.
cli-units-converted = New address:
cli-units-converted-split = The old unit was split; the new address may be (likeliest first):
