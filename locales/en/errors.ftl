# Error messages, by gocua-api error code (error-<code>).

error-invalid-language = The language “{ $value }” is not supported. Choose Tiếng Việt (vi) or English (en).
error-invalid-portal-url = “{ $value }” is not a valid portal address. It must start with http:// or https://, for example http://127.0.0.1:8787.
error-storage = Data on this computer could not be read or written. What you typed is kept; please try again. Details: { $detail }
error-no-data-dir = No data folder could be found. Give one with --data-dir or the GOCUA_DATA_DIR environment variable.
error-internal = Unexpected error. Please try again; if it persists, tell your technical contact. Details: { $detail }
error-invalid-pack = The catalogue pack is invalid at “{ $path }”: { $detail }. The pack in use is unchanged.
error-pack-not-newer = Catalogue pack { $pack } version { $version } is not newer than the version in use ({ $installed }). Nothing changed.
error-not-found = “{ $value }” was not found.
error-unreadable = Cannot read the file “{ $path }”: { $detail }
error-address-not-recognised = { $reason ->
    [empty] No address was entered.
    [province] No province was recognised in “{ $part }”. Put the province last, e.g. “…, Tỉnh Cà Mau”.
    [district] No district was recognised in “{ $part }”. Old addresses read “commune/ward, district, province”.
   *[ward] No commune or ward was recognised in “{ $part }”. Check the ward's name on the card.
}
