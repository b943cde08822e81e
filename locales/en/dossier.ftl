## Dossier states, problems with answers, papers, the printable checklist.

dossier-state = { $state ->
    [draft] Draft
    [ready] Ready to file
    [queued] Waiting to send
    [sending] Sending
    [handing_over] Being handed to another laptop
    [supplement_draft] Supplementing
    [portal_1] 1 – Registered
    [portal_2] 2 – Received
    [portal_3] 3 – Not accepted
    [portal_4] 4 – Processing
    [portal_5] 5 – Supplement requested
    [portal_6] 6 – Payment requested
    [portal_7] 7 – Withdrawn by the citizen
    [portal_8] 8 – Processing stopped
    [portal_9] 9 – Processed
    [portal_10] 10 – Result returned
   *[other] { $state }
}
dossier-state-citizen = { $state ->
    [draft] Being prepared
    [ready] Prepared, waiting to be filed
    [queued] Waiting to be sent to the portal when online
    [sending] Being sent to the portal
    [handing_over] Being handed to another volunteer
    [supplement_draft] Papers being added
    [portal_1] Filed, waiting to be received
    [portal_2] Received by the office
    [portal_3] Not accepted (see the reason)
    [portal_4] Being processed
    [portal_5] More papers needed
    [portal_6] A fee or tax to pay
    [portal_7] Withdrawn by the citizen
    [portal_8] Processing stopped by the office
    [portal_9] Result ready
    [portal_10] Result returned
   *[other] { $state }
}
form-error = { $code ->
    [required] This has not been answered.
    [too-long] Too long: at most { $n } characters.
    [not-a-number] Enter a whole number, for example 2.
    [below-min] The smallest number allowed is { $n }.
    [above-max] The largest number allowed is { $n }.
    [not-a-date] Not a real date. Enter it as day/month/year, for example 27/03/2020.
    [date-in-future] This date has not come yet. Check the year.
    [date-in-past] This date has passed. Choose today or a later day.
    [date-too-far] This date is more than { $n } years from today. Please check it.
    [not-a-phone] Not a phone number: mobiles have 10 digits (starting 03, 05, 07, 08, 09), landlines 11 (starting 02).
    [not-an-id] A personal ID number has 12 digits, printed on the ID card.
    [not-a-choice] Choose one of the options.
    [no-commune] Choose the province and the commune/ward.
    [unknown-commune] The commune/ward chosen is not in the new list of administrative units. Choose it again.
    [too-few-items] At least { $n } needed.
    [option-not-allowed] This option cannot be chosen with an earlier answer (see the note under the question). Choose another or change the earlier answer.
   *[other] This answer is not valid.
}
form-yes = Yes
form-no = No
document-status = { $status ->
    [attached] attached
    [form] filled in the form
    [national_db] the office takes it from a national database
    [not_applicable] not needed in this case
    [later] the citizen will supply it later
   *[missing] missing
}

checklist-title = Dossier checklist
checklist-procedure = Procedure
checklist-citizen = Citizen
checklist-state = Status
checklist-where = Where to file and collect
checklist-time = Time limit
checklist-answers = What was declared
checklist-papers-done = Papers done
checklist-papers-missing = Papers still missing — bring or supply them
checklist-none = None.
checklist-answers-missing = { $n } answers are still missing or wrong; the volunteer will complete them with you.
checklist-fees = Fees
checklist-free = Free of charge.
checklist-fee-line = in person { $in_person }; online { $online }
checklist-fee-unknown = not verified — ask the office
checklist-fees-unverified = Fees not verified — ask the office before going.
checklist-fees-unverified-note = Amounts not verified — ask the office before going.
checklist-fee-exempt = Exempt
checklist-next = Next steps
checklist-contact = Contact
checklist-volunteer = Volunteer
checklist-team-contact = Digital-technology team

## The wizard and the drafts list.

nav-dossiers = Dossiers
dossiers-title = Dossiers on this laptop
dossiers-search = Find
dossiers-search-placeholder = Citizen's name (with or without diacritics), ID number, procedure
dossiers-state = Status
dossiers-state-open = In progress
dossiers-state-sent = Sent to the portal
dossiers-state-all = All
dossiers-empty = No dossier matches.
dossiers-no-citizen = (no citizen linked)
dossiers-more = Show more
dossier-start = Start filling the dossier
dossier-start-for = Dossier for
dossier-start-no-citizen = Leave it empty for a citizen whose details are not stored: the dossier records its own consent.
dossier-start-consent = The citizen has no stored profile. Ask and record their agreement for this dossier:
dossier-start-consent-dossiers = They agree to the team preparing and sending this dossier for them (required)
dossier-start-consent-images = They agree to photos of their papers being kept with the dossier
dossier-duplicate = { $n ->
    [one] This citizen already has an open dossier for this procedure. Open it, or start a new one?
   *[other] This citizen already has { $n } open dossiers for this procedure. Open one, or start a new one?
}
dossier-start-anyway = Start a new one anyway
form-optional = (optional)
form-date-partial-placeholder = day/month/year, or the year alone
form-date-placeholder = day/month/year
form-address-line = House number, street, hamlet
wizard-back = Back
wizard-continue = Continue
wizard-all-dossiers = All dossiers
wizard-saving = Saving…
wizard-saved = Saved
wizard-large-text = Large text
wizard-loading = Opening the dossier…
wizard-error-summary = There is a problem
wizard-add-item = Add { $item }
wizard-remove-item = Remove this one
wizard-tasks-progress = { $done } of { $total } parts completed.
wizard-task-status = { $status ->
    [completed] Completed
    [in_progress] In progress
   *[not_started] Not started
}
wizard-documents = Supporting papers
wizard-documents-hint = Photograph each page with the camera or choose a file (image, PDF). Photos are turned upright and compressed, with the text still legible.
wizard-papers-missing = { $n ->
    [0] Complete
   *[other] { $n } missing
}
wizard-check = Check your answers
wizard-change = Change
wizard-incomplete = { $answers ->
    [0] { $papers ->
        [one] 1 paper is missing.
       *[other] { $papers } papers are missing.
    }
    [one] { $papers ->
        [0] 1 answer is missing or wrong.
        [one] 1 answer is missing or wrong and 1 paper is missing.
       *[other] 1 answer is missing or wrong and { $papers } papers are missing.
    }
   *[other] { $papers ->
        [0] { $answers } answers are missing or wrong.
        [one] { $answers } answers are missing or wrong and 1 paper is missing.
       *[other] { $answers } answers are missing or wrong and { $papers } papers are missing.
    }
}
wizard-go-documents = Go to the papers
wizard-go-first-issue = Go to the first problem
wizard-mark-ready = The dossier is complete — ready to file
wizard-ready-title = Dossier ready
wizard-ready-body = The dossier has every answer and paper. It can be sent to the public-service portal when there is a connection.
wizard-print-checklist = Print the checklist for the citizen
wizard-checklist-saved = Checklist saved: { $path }
wizard-attach-file = Choose a file
wizard-attach-camera = Use the camera
wizard-camera-capture = Take the photo
wizard-camera-cancel = Cancel
wizard-camera-unavailable = The camera cannot be opened ({ $detail }). Choose an image file instead.
wizard-attaching = Processing the photo…
wizard-remove-file = Remove
wizard-not-needed-by-answers = This paper is not needed, given the answers in the form.
wizard-mark-na = Not needed in this case
wizard-mark-later = The citizen will supply it later
wizard-mark-clear = Clear the mark
wizard-form-changed = The form has a new version ({ $from } → { $to }). This dossier keeps the old one until you switch.
wizard-change-kind = { $kind ->
    [added] New
    [removed] Removed
   *[changed] Changed
}
wizard-change-required = required
wizard-use-new-form = Switch to the new form (answers are kept)
citizen-dossiers = The citizen's dossiers
citizen-no-dossiers = No dossier yet.
citizen-start-dossier = Start a dossier for
visit-dossiers = dossiers: { $list }
outbox-error = { $kind ->
    [offline] The public-service portal cannot be reached; it will be sent again when there is a connection.
    [timeout] The connection is slow and the portal did not answer in time; it will be sent again.
    [busy] The portal is busy; it will be sent again in a few minutes.
   *[refused] The portal refused this dossier ({ $detail }). Check it, then press “Send now”.
}
nav-queue = Sending
queue-title = Dossiers waiting for the portal
queue-summary = Waiting: { $pending } · refused by the portal, to check: { $quarantined }
queue-supplements = { $n ->
    [one] The office asked for a supplement to 1 dossier.
   *[other] The office asked for a supplement to { $n } dossiers.
}
queue-open-dossiers = Open the dossiers
queue-send-now = Send now
queue-sending = Sending…
queue-waiting = Waiting
queue-empty = Nothing waits to be sent.
queue-needs-citizen = Needs the citizen present
queue-needs-citizen-hint = These need the citizen's confirmation on VNeID or an OTP sent to their own phone.
queue-done = Sent lately
queue-state = { $state ->
    [pending] Waiting
    [done] Sent
   *[quarantined] Refused
}
queue-bytes = { $done } / { $total } KB of files sent
queue-attempts = { $n ->
    [one] { $n } attempt
   *[other] { $n } attempts
}
queue-no-files = No attached files
queue-progress = Files sent so far
wizard-queue = Send to the public-service portal (sent when there is a connection)
wizard-portal-code = Dossier code at the portal: { $code }
wizard-supplement-title = The office asks for a supplement
wizard-supplement-no-note = The office did not say what is missing.
wizard-supplement-how = Correct the answers or attach the missing papers, then check and send again.
handoff-title = Or file it yourself on the National Public Service Portal
handoff-step-open = Open
handoff-step-login = The citizen logs in with their VNeID account (level 2).
handoff-step-search = Find the procedure “{ $name }” and choose to file online.
handoff-step-fill = Fill each item from the table below (press “Copy”, then paste).
handoff-step-files = Attach the papers' files:
handoff-save-files = Save the files to a folder
handoff-copy = Copy
handoff-copied = Copied
handoff-code = Dossier code the portal gave
handoff-record = Record
queue-citizen-present = The citizen is here — send now
wizard-queued-title = The dossier is in the sending queue
wizard-queued-next = What happens next:
wizard-queued-step-send = This laptop sends it to the public-service portal as soon as there is a connection. You do not need to keep this screen open.
wizard-queued-step-code = When the portal receives it, the dossier gets the portal's code; its state is updated under Dossiers.
wizard-queued-step-supplement = If the office asks for more papers, the app says so at the top of every screen.
wizard-queued-open-queue = See the sending queue
wizard-queued-open-dossiers = Back to the dossiers
wizard-back-to-visit = ← Back to the citizen's visit
checklist-self-service = You filled in this form yourself at the self-service kiosk; nothing was kept on the machine. Take this sheet and the papers still missing to the office; if you need help, ask a volunteer of the digital-tech team.
checklist-unverified = not verified — ask the office
