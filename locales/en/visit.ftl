# One citizen's visit: scan the card, consent, VNeID and portal-login guides, rating.

visit-start-title = Start helping a citizen
visit-start-intro = Each visit records what was done and the citizen's rating, for the monthly report.
visit-operator = Volunteer's name
visit-place = Where (commune or ward)
visit-start = Start
visit-step-card = 1. ID card
visit-step-consent = 2. Consent
visit-step-guides = 3. Guides
visit-step-rating = 4. Rating

card-title = Scan the QR code on the ID card
card-scan-hint = With a handheld scanner: scan at any time, no need to click a field.
card-scan-waiting = Waiting for a scan…
card-camera = Use the camera
card-camera-stop = Turn the camera off
card-camera-hint = Hold the card's QR code in the frame, still and well lit. Older citizen ID cards have it on the front; identity cards issued since 1 July 2024 have it on the back.
card-camera-unavailable = The camera could not be opened: { $detail }
card-manual = Type it in
card-id = Personal ID number (12 digits)
card-old-id = Old ID (CMND) number, if any
card-name = Full name
card-birth = Date of birth
card-sex = Sex
card-sex-male = Nam (male)
card-sex-female = Nữ (female)
card-address = Place of residence (as on the card)
card-issue = Date of issue
card-check = Check
card-read = Details read from the card
card-known = This citizen is already on this computer: their record opens, no new one is made.
card-address-new = Address in the new administrative units
card-address-confirm = Confirm the commune or ward
card-address-unrecognised = The old address was not recognised; choose the new commune or ward by hand.
card-continue = Continue: ask for consent
card-skip = Guide without saving any data

consent-title = Consent to processing personal data
consent-intro = Read this to the citizen. They decide each item themselves; nothing is ticked in advance.
consent-controller = Data controller: the community digital-tech team helping you, using the Gõ Cửa app on this computer.
consent-data = Data kept: ID number, full name, date of birth, sex, address, card issue date (read from the QR code). No photo of the card unless the citizen agrees to document photos.
consent-retention = How long: until the dossier is settled and at most 30 days after, then deleted automatically.
consent-rights = The citizen's rights: to be informed, to agree or not, to withdraw consent at any time, to see, correct and delete their data, and to complain (Personal Data Protection Law 91/2025/QH15; Decree 356/2025/NĐ-CP).
consent-purpose-profile = Keep personal details to help with procedures (required to save anything)
consent-purpose-dossiers = Help the citizen prepare and submit dossiers
consent-purpose-contact = Phone the citizen about their dossier
consent-purpose-document-images = Photograph papers for the dossier (ID-card images are sensitive data)
consent-version = Text version: { $version }
consent-save = The citizen agreed — save
consent-decline = The citizen did not agree — guide without saving
consent-saved = The citizen's details and consent were saved.
consent-receipt = Print the consent receipt (PDF)
consent-receipt-saved = Consent receipt saved: { $path }
consent-withdraw = Withdraw consent
consent-not-stored = No personal data is kept in this visit.

guide-vneid = VNeID guide
guide-portal = Public-service portal login
guide-trouble = Something went wrong?
guide-trouble-back = ← Choose another problem
guide-outcome-vneid = VNeID outcome
guide-outcome-portal = Portal login outcome
outcome-not-attempted = Not done
outcome-level1 = Reached level 1
outcome-level2 = Reached level 2
outcome-blocked = Could not be done
outcome-logged-in = Logged in with VNeID
outcome-linked-old-account = Linked the old account
outcome-note = Reason / note
guide-save = Save outcome
guide-saved = Saved.
guide-continue = Continue: rating

rating-title = Are you satisfied with the help you had today?
rating-1 = Very dissatisfied
rating-2 = Dissatisfied
rating-3 = Neutral
rating-4 = Satisfied
rating-5 = Very satisfied
rating-finish = End the visit
visit-done = The visit has ended. Thank you!
visit-new = Help the next citizen

citizens-title = Citizens helped
citizens-empty = Nobody yet.
citizens-open = Open
citizen-visits = Visits
citizen-consents = Consents
consent-state-granted = Agreed
consent-state-refused = Did not agree
consent-state-withdrawn = Withdrawn
nav-home = Home
nav-visit = Help a citizen
nav-citizens = Citizens helped

cli-cccd-id = ID number: { $value }
cli-cccd-old-id = Old ID number: { $value }
cli-cccd-name = Full name: { $value }
cli-cccd-birth = Date of birth: { $value }
cli-cccd-sex = Sex: { $value }
cli-cccd-address = Address: { $value }
cli-cccd-issue = Date of issue: { $value }
cli-cccd-new-address = New address: { $value }
cli-consent = Consent
cli-consent-granted = agreed
cli-consent-refused = did not agree
cli-consent-withdrawn = withdrawn
cli-visit = Visit
cli-visit-portal = portal
receipt-title = Receipt of consent to processing personal data
receipt-decisions = The citizen's decisions
receipt-sign-citizen = Citizen's signature and full name
receipt-sign-volunteer = Volunteer's signature and full name
export-title = Personal data kept about the citizen
consent-profile-withdrawn = The citizen withdrew consent to keep their details: their profile was erased.

## The citizens list and one citizen's page
citizens-search = Search by name (with or without diacritics) or ID number
citizens-count = { $total ->
    [one] { $total } person
   *[other] { $total } people
}
citizens-no-match = Nobody matches the search.
citizen-back = ← Citizens list
citizen-id = ID number
citizen-id-show = Show the whole number
citizen-id-hide = Hide part of the number
citizen-birth = Birth date
citizen-address = Address
citizen-not-found = This citizen's details are no longer on this laptop (they may have been erased).
consent-withdraw-confirm-title = Withdraw consent: { $purpose }
consent-withdraw-confirm-profile = Everything about { $name } will be erased from this laptop: their details, the dossiers being prepared and the photos of papers. Their visits remain only as counts, without a name. This cannot be undone.
consent-withdraw-confirm-dossiers = { $name }'s dossiers not yet sent will stop and leave the sending queue. Dossiers already with the portal stay there.
consent-withdraw-confirm-document-images = Every photo of papers taken for { $name }'s dossiers will be deleted from this laptop.
consent-withdraw-confirm-contact = The team will no longer phone { $name } about their dossiers.
consent-withdraw-confirm-yes = Withdraw
consent-withdraw-confirm-no = No, keep it
camera-problem-denied = this laptop has not allowed the app to use the camera
camera-problem-none = no camera was found on this laptop
camera-problem-busy = another program is using the camera
camera-problem-other = the camera did not respond
card-bad-date = Type dates as on the card: day/month/year, for example 15/04/2021.
card-bad-birth = Type the date of birth as on the card: day/month/year, for example 15/04/1975; if the card gives only the year, or the month and year, type just that, for example 1945 or 03/1945.
card-birth-hint = Only the year (or month and year) of birth on the card? Type it as the card shows it, for example 1945 or 03/1945.
card-fix-fields = { $n ->
    [one] 1 field needs correcting; it is marked just below its box.
   *[other] { $n } fields need correcting; each is marked just below its box.
}
card-confirmed = Checked against the card with the citizen: the card reads so
