# Error messages, by gocua-api error code (error-<code>).

error-invalid-language = The language “{ $value }” is not supported. Choose Tiếng Việt (vi) or English (en).
error-invalid-portal-url = { $reason ->
    [insecure] “{ $value }” is not encrypted: a portal on another machine must start with https:// so citizens' data never crosses the network in clear.
   *[other] “{ $value }” is not a valid portal address. It must start with https://, for example https://lgsp.example.gov.vn, or be http:// on this machine, for example http://127.0.0.1:8787.
}
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
error-invalid-card = { $reason ->
    [empty] Nothing was read from the QR code. Scan again.
    [field-count] The QR code is not an ID card's (information missing). Scan the QR code again (on the front of older citizen ID cards, on the back of identity cards issued since 1 July 2024).
    [id-format] The personal ID number must be exactly 12 digits.
    [old-id-format] The old ID (CMND) number is 9 or 12 digits, or empty.
    [name-empty] The full name is missing.
    [birth-date] The date of birth is not valid.
    [issue-date] The date of issue is not valid.
    [sex] Sex must be “Nam” or “Nữ”.
    [address-empty] The address is missing.
    [id-province] The first three digits of the ID number are not a province code. Check the number. If the card really reads so (for example a birth registered abroad has a country code in the first three digits), check it with the citizen and tick “Checked against the card”.
    [id-century-sex] The fourth digit of the ID number does not match the year of birth and sex. Check it again. If the card really reads so, check it with the citizen and tick “Checked against the card”.
    [id-year] The fifth and sixth digits of the ID number do not match the year of birth. Check it again. If the card really reads so, check it with the citizen and tick “Checked against the card”.
    [future] The date of birth or of issue lies in the future.
    [issued-before-birth] The card's date of issue is before the date of birth.
    [bad-character] The card details hold a hidden or control character that no card has. Scan the card again or type the details.
    [too-long] A detail is longer than any ID card allows. Scan the card again or type the details.
    [several-lines] More than one card was read at once. Scan one card at a time.
   *[other] The card details are not valid.
}
error-consent-required = The citizen has not agreed to their personal data being kept, so nothing was saved. You can still guide them without saving.
error-no-consent = { $purpose ->
    [document_images] The citizen has not agreed to photos of their papers being kept, so the photo was not saved. Ask them, record their agreement on their profile, then add the photo again.
   *[dossiers] The citizen has not agreed (or no longer agrees) to a dossier being prepared and sent for them, so nothing was saved or sent.
}
error-invalid-value = { $empty ->
    [yes] { $field ->
        [portal_code] Type the dossier code the public-service portal gave (printed on the receipt).
        [name] Type a name.
        [operator] Type the volunteer's name.
        [team_contact] Type the team's phone number or contact address.
        [from] Type the first day.
        [to] Type the last day.
       *[other] Fill in the empty box.
    }
   *[no] { $field ->
        [portal_code] “{ $value }” does not look like a portal dossier code. Copy the code printed on the receipt.
        [name] The name “{ $value }” is too long.
        [operator] The volunteer name “{ $value }” cannot be used.
        [from] The first day “{ $value }” is not a date: type day/month/year.
        [to] The last day “{ $value }” is not a date or is before the first day: type day/month/year.
        [month] The month “{ $value }” is not valid.
        [retention_days] The number of days to keep data, “{ $value }”, is not valid.
        [satisfaction] The rating “{ $value }” is not valid.
        [public_key] The public key “{ $value }” is not valid: it is 64 hexadecimal digits.
        [req] The request is not in the expected shape: { $value }.
        [state] The state “{ $value }” is not one of the list.
        [mark] This paper is required: it cannot be marked as not applying.
       *[other] “{ $value }” is not a valid value.
    }
}
error-key-unavailable = { $reason ->
    [no-keyring] This computer has no OS keyring to hold the data encryption key. Set a protecting passphrase in the GOCUA_PASSPHRASE environment variable and open the app again.
    [passphrase-needed] The data on this computer is protected by a passphrase. Put it in the GOCUA_PASSPHRASE environment variable and open the app again.
    [wrong-passphrase] The passphrase protecting the data is wrong. Nothing was changed.
    [wrong-key] The encryption key does not open this database. Nothing was changed.
    [key-lost] The database is encrypted but its key cannot be found (keyring cleared?). Restore from a backup.
    [keyring-damaged] The key in the OS keyring is damaged. Restore from a backup.
    [wrapped-damaged] The key.wrapped file in the data folder is damaged. Restore from a backup.
    [passphrase-short] A passphrase protecting the data must have at least 12 characters. Choose a longer one.
    [installation-id-damaged] The installation-id file in the data folder is damaged. Restore from a backup.
   *[other] The data encryption key could not be obtained.
}
error-audit-broken = The audit log was edited, deleted from or reordered. Tell the team lead at once.
error-invalid-pin = { $reason ->
    [trivial] A PIN must not be one repeated digit or a straight run (like 123456). Choose another.
   *[format] A PIN is 6 to 12 digits.
}
error-wrong-pin = Wrong name or PIN.
error-locked-out = Too many wrong attempts. Wait { $seconds } seconds and try again.
error-forbidden = { $reason ->
    [lead] Only a team lead can do this. Ask the lead to unlock.
    [last-lead] The last team lead cannot be removed: nobody would manage the laptop. Add another lead first.
    [not-first] This laptop already has a team lead. Unlock with a PIN.
    [kiosk] Citizens' data cannot be viewed in self-service mode. A volunteer must unlock.
   *[locked] The app is locked. Unlock it with your PIN.
}
error-no-form = Procedure “{ $value }” has no dossier form in the app yet. Follow the guidance on the procedure page.
error-dossier-incomplete = The dossier is not complete: { $answers ->
    [0] the answers are complete
    [one] 1 answer is missing or wrong
   *[other] { $answers } answers are missing or wrong
}, { $papers ->
    [0] the papers are complete.
    [one] 1 paper is not attached yet.
   *[other] { $papers } papers are not attached yet.
}
error-not-editable = The dossier has been sent (or is being sent) and can no longer change. If the office asks for more, it will reopen for editing.
error-invalid-attachment = { $reason ->
    [too-large] The file is too large: at most { $max } MB. Take the photo again or choose a smaller file.
    [empty] The file is empty; there is nothing to attach.
    [damaged] This image or PDF cannot be read (damaged or not fully downloaded). Take the photo again.
   *[unsupported] Only images (JPEG, PNG, WebP) and PDF files can be attached.
}
error-bad-backup = { $reason ->
    [missing] There is no backup file at that path. Check the name and the folder. Nothing was restored.
    [not-a-file] That path is a folder, not a backup file. Nothing was restored.
    [empty] The backup file is empty (the copy did not finish?). Nothing was restored.
    [wrong-passphrase] The backup passphrase is wrong, or the file is not a Gõ Cửa backup. Nothing was restored.
    [damaged] The backup file is incomplete or damaged (cut short or changed after it was made). Nothing was restored; use another copy.
    [too-new] The backup was made by a newer Gõ Cửa. Update the app first, then restore. Nothing was restored.
    [foreign] The backup holds data Gõ Cửa never writes, so it is not trusted. Nothing was restored.
    [passphrase-short] The backup passphrase must have at least 10 characters.
    [exists] A file with that name already exists; choose another name. Nothing was overwritten.
   *[not-empty] This data folder already holds data. Restore into a new, empty folder.
}
error-untrusted-pack = { $reason ->
    [out-of-scope] The key that signed this catalogue pack may not sign it (only the Gõ Cửa publisher signs the national catalogue; a team hub signs only its own province's packs), so nothing was installed.
    [version-jump] This catalogue pack's version is too far ahead of the one in use, so nothing was installed. Tell the team lead.
    [unsigned] This catalogue pack is not signed, so nothing was installed. Use a signed pack; a team lead who trusts the file can install it with “gocua catalog import --unsigned”.
    [unknown-key] This catalogue pack is signed by a key this laptop does not trust, so nothing was installed. A team lead can add the publisher's key with “gocua catalog trust-key”.
    [bad-signature] This catalogue pack was changed after it was signed, so nothing was installed. Get the pack again from its publisher.
   *[malformed] This catalogue pack's signature cannot be read, so nothing was installed.
}
error-speech-unavailable = { $reason ->
    [missing] This laptop has no offline voice yet. Ask the team lead to install espeak-ng (sudo apt install espeak-ng) to use “Read aloud”.
   *[other] Reading aloud did not work just now. Try again; if it still fails, tell the team lead.
}
error-printer-unavailable = { $reason ->
    [missing] No printer is connected to this laptop, so nothing was printed. Ask a volunteer to print it for you; your answers are still on the screen.
   *[other] The printer did not take the printout (no default printer, out of paper or switched off). Ask a volunteer; your answers are still on the screen.
}
error-hub = { $reason ->
    [busy] This laptop is already syncing (in another window or in the background) and has not finished. Wait a moment and try again; nothing is lost.
    [code-damaged] This is not a complete enrolment code. Type it again exactly as the team lead gave it (it starts with GC1-); you can paste it whole, spaces and line breaks do not matter.
    [code-invalid] This enrolment code has been used, has expired (a code works once, within 24 hours) or belongs to another hub. Ask the team lead for a new one.
    [unreachable] The team hub cannot be reached yet. Everything stays on this laptop and is sent at the next sync.
    [wrong-certificate] The server that answered is not the hub named in the enrolment code (the certificate does not match), so nothing was sent. Tell the team lead.
    [clock] This laptop's clock is more than 5 minutes off the team hub's, so the hub refused. Set the date and time (automatic, from the network) and try again.
    [revoked] The team lead revoked this laptop's sync. Its data stays on the laptop; nothing more is sent to the team hub.
    [not-joined] This laptop has not joined a team hub. Enter the enrolment code the team lead gave you.
    [handover-consent] Ask the citizen first: the dossier (answers and photos of papers) goes to another volunteer's laptop in the team. Tick “The citizen agrees” and hand it over again.
    [handover-no-laptop] The receiving laptop is no longer in the team (revoked, or not joined). Choose another laptop.
    [handover-closed] This dossier was settled on another laptop: the receiver accepted or declined it, or the sender took it back. The list has been updated.
    [handover-sealed] The dossier handed to this laptop cannot be opened (damaged, or not from the laptop it names), so it was not accepted. Ask the sender to hand it over again.
    [handover-form] This laptop does not have the form version the handed-over dossier uses. Sync with the team hub to update the catalogue, then accept it again; until then it stays the sender's.
    [handover-too-large] The dossier has too many photos of papers to hand over at once (about 25 MB at most). Remove some and hand it over again.
   *[refused] The team hub refused the request. Try again; if it keeps failing, tell the team lead.
}
error-cannot-open = The file could not be shown in this computer's viewer (no PDF viewer is installed, or it failed). It is saved at: { $path }
