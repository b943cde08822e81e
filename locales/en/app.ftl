# Gõ Cửa main interface. Vietnamese is the default and reference language.

app-name = Gõ Cửa
app-tagline = Online public-service assistant for community digital-tech teams
app-window-title = Gõ Cửa — public-service help

## Connection to the portal
connectivity-online = Online
connectivity-offline = Offline
connectivity-incompatible = Incompatible portal
connectivity-checking = Checking the connection…
connectivity-recheck = Check again
connectivity-portal = Portal: { $url }
connectivity-online-hint = Connected to the portal. Queued dossiers will be sent.
connectivity-offline-hint = The portal cannot be reached. Keep working as usual: everything is saved on this computer and sent when a connection appears.
connectivity-incompatible-hint = Something answers at the portal address, but it is not a Gõ Cửa portal (perhaps a Wi-Fi login page). Check the portal address in Settings.

## Language
language-label = Language
language-vi = Tiếng Việt
language-en = English

## Home screen
home-welcome = Hello! How are you helping citizens today?
home-intro = Find the right procedure, guide VNeID set-up, fill in dossiers even without a connection, then send them to the portal exactly once when a connection appears.
home-section-about = About this app

## About
about-version = Version
about-data-dir = Data folder
about-schema = Database version
about-portal = Public-service portal
about-portal-default = (default: the sandbox portal on this computer)
portal-insecure-banner = TRAINING ONLY: data is sent to { $url } without encryption (GOCUA_ALLOW_INSECURE_PORTAL is on). Never use this with real citizens.

## Portal address setting
settings-portal-label = Portal address
settings-portal-help = For example http://127.0.0.1:8787 for the sandbox portal. Leave empty to use the default.
settings-save = Save
settings-saved = Saved.

## Generic interface errors
ui-error-title = Something went wrong
ui-error-dismiss = Close

## Lock, operators and self-service mode
lock-title = The app is locked
lock-name = Operator
lock-pin = PIN
lock-unlock = Unlock
lock-now = Lock
nav-guides = Guides
kiosk-enter = Self-service mode
kiosk-badge = Self-service
kiosk-leave = Leave self-service
kiosk-leave-title = A volunteer enters their PIN to leave self-service mode
kiosk-nothing-stored = In self-service mode nothing of yours is stored; the screen clears itself when unused.
nav-operators = Users
first-lead-title = First start: the team lead
first-lead-intro = This laptop has no users yet. Create the team lead's account first: only people with a PIN can open the app and citizens' data. The lead adds volunteers afterwards.
first-lead-pin-again = PIN again
first-lead-pin-rule = A PIN has 6 to 12 digits; easy ones such as 123456 or 000000 are refused.
first-lead-mismatch = The two PINs differ. Please type them again.
first-lead-submit = Create the lead and open the app
operators-title = The team's users
operators-intro = The team lead adds volunteers, sets a new PIN when someone forgot theirs, and removes people who left the team.
operators-added = { $name } was added.
operators-pin-reset = { $name } has a new PIN.
operators-removed = { $name } was removed.
operators-reset = Set a new PIN
operators-new-pin = New PIN for { $name }
operators-reset-save = Save the new PIN
operators-remove = Remove
operators-remove-confirm = Remove { $name }? They will no longer be able to open the app on this laptop. The visits they recorded stay in the reports.
operators-remove-yes = Remove this user
operators-cancel = Cancel
operators-add-title = Add a user
operators-role = Role
operators-add = Add the user
role-volunteer = Volunteer
role-lead = Team lead
role-kiosk = Self-service kiosk
print-now = Print now (no file kept)
skip-to-content = Skip the menu, go to the main content
lock-choose-operator = Choose your name in the list.
lock-wait = Too many wrong PINs. Wait { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
} and try again.
kiosk-welcome = Welcome!
kiosk-intro = Type what you need to do, for example “birth certificate for my child”, to see which papers you need, where to file and the steps online. Ask the volunteer beside you whenever you like.
read-aloud = Read aloud
read-aloud-stop = Stop reading
read-aloud-voice = Voice
read-aloud-voice-north = Northern
read-aloud-voice-central = Central
read-aloud-voice-south = Southern

## Team hub (settings)
hub-heading = Team hub
hub-help = The team hub adds up the whole team's monthly figures. Only anonymous figures are sent (procedure codes, states, ratings…), never names, ID numbers or what a dossier says. A dossier handed to another laptop of the team (with the citizen's agreement) is encrypted so that only that laptop can open it. The laptop works the same with no connection or no hub.
hub-code-label = Enrolment code
hub-code-help = The code starting with GC1- that the team lead gave you; it works once, within 24 hours.
hub-name-label = This laptop's name (the team lead sees it)
hub-join = Join
hub-joined = Joined the team “{ $team }”.
hub-team = Team
hub-address = Address
hub-last-sync = Last sync
hub-never = Never
hub-pending = Records waiting
hub-sync-now = Send the figures to the team hub now
hub-synced = The team hub took { $stored } new records; { $pending } still waiting.
hub-revoked = The team lead revoked this laptop at { $at }. Its data stays; it sends nothing more.
hub-leave = Leave the team hub
hub-leave-confirm = Leave the team hub? The laptop's data stays as it is; it stops sending figures to the team.
hub-leave-yes = Leave the team hub
hub-leave-no = Stay
hub-left = Left the team hub.
hub-not-joined-staff = This laptop has not joined a team hub. The team lead signs in to enter the enrolment code.
hub-catalogue-installed = Installed { $count } new catalogue pack(s) the province published.
hub-handovers-waiting = { $count } dossiers handed to this laptop by the team wait to be accepted (see below).
handover-title = Hand this dossier to another laptop of the team
handover-help = When the citizen wants another volunteer of the team to finish this dossier. The answers and photos of papers are encrypted so that only the receiving laptop can open them (the team hub cannot read them). Once the other laptop accepts, the dossier leaves this one.
handover-no-devices = No other laptop of the team has joined the hub yet.
handover-to = Hand to
handover-last-seen = last contact { $at }
handover-never-seen = no contact yet
handover-agreed = The citizen agrees that another volunteer of the team finishes the dossier (the answers and photos of papers go to that laptop).
handover-send = Hand over
handover-sent = Handed the dossier to “{ $to }”. It is locked on this laptop until the other accepts it.
handover-waiting = This dossier is being handed to another laptop of the team and is locked here. Once that laptop accepts it, it leaves this one. Until then you can take it back; if nobody accepts it within 14 days, it comes back here by itself.
handover-reclaim = Take it back
handover-reclaimed = Took the dossier back; you can go on with it here.
handover-inbox-heading = Dossiers handed to this laptop
handover-check = Check for dossiers handed to this laptop
handover-none = Nothing is waiting.
handover-from = From “{ $from }” ({ $by }), { $at }; { $papers } photos of papers.
handover-form-missing = This laptop does not have the form version of this dossier. Sync with the team hub to update the catalogue, then check again.
handover-accept = Accept
handover-decline = Decline
handover-declined = Declined; the dossier goes back to the sender.
handover-recent = Recent hand-overs
handover-recent-item = { $outgoing ->
    [true] Handed to
   *[other] Received from
} “{ $peer }”: { $procedure } — { $state ->
    [sent] waiting for the receiver
    [accepted] accepted
    [declined] declined
   *[reclaimed] taken back
} ({ $at })
operators-roster-title = Team members without an account on this laptop
operators-roster-help = From the team list the lead keeps on the team hub. Choose someone to fill in their name and role; they type their own PIN.
operators-roster-use = Make an account for { $name }
hub-roster-installed = Received the team's new member list (see the team's users).
self-title = Fill in the form yourself to take to the office
self-intro = You can answer the form's questions yourself, then print them with the list of papers to bring. Nothing is kept on this machine; when you leave, the screen clears itself.
self-start = Start filling in the form
self-to-print = Done: see the papers to bring and print
self-finish = Print this sheet and take it to the office with the papers below.
self-unanswered = { $n ->
    [one] 1 question is
   *[other] { $n } questions are
} not answered yet; you can print now and fill them in by hand at the office.
self-papers = Papers to bring
self-print = Print the form and the list of papers
self-printed = Sent to the printer. Collect your printout from the printer nearby.
self-back-to-questions = Back to the questions
self-nothing-kept = Nothing is kept on this machine.
file-open = Open the file
