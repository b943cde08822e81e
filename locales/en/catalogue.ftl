# Procedure catalogue: search and the procedure page.

catalog-search-label = What does the citizen need to do?
catalog-search-placeholder = For example: đổi bằng lái, nhập khẩu cho con, sang tên sổ đỏ…
catalog-search-hint = With or without Vietnamese diacritics.
catalog-no-results = No procedure matches “{ $query }”. Try other words, such as the paper the citizen needs.
catalog-results-count = { $count ->
    [0] No results
    [one] 1 result
   *[other] { $count } results
}
catalog-essential = Essential public service
catalog-back = ← Back to search

procedure-documents = Required papers
procedure-documents-hint = Tick the papers the citizen already has.
procedure-original = Original
procedure-certified-copy = Certified copy
procedure-original-or-copy = Original or copy
procedure-declaration = Form (filled in online)
procedure-count = Copies: { $count }
procedure-conditional = Only if needed
procedure-reusable = The portal takes it from a national database; no upload needed
procedure-fees = Charges and fees
procedure-fee-in-person = In person
procedure-fee-online = Online
procedure-fee-saving = Saves { $amount } when filed online
procedure-fees-none = No fee
procedure-fees-unknown = No information on this procedure's fees yet (unverified). Check on dichvucong.gov.vn before telling the citizen.
procedure-exemptions = Exemptions
procedure-time = Time limit
procedure-vneid = VNeID account needed
procedure-vneid-level = Level { $level }
procedure-vneid-none = Not required
procedure-where = Where to submit and collect
procedure-agency = Deciding agency
procedure-channels = File online through
procedure-channel-national-portal = National public-service portal
procedure-channel-vneid = VNeID app
procedure-channel-provincial-portal = Provincial public-service portal
procedure-steps = Steps to file online
procedure-legal = Legal basis
procedure-source = Source: { $source }
procedure-verified-at = Last checked: { $date }
procedure-unverified = not verified
procedure-unverified-note = Facts marked “not verified” must be checked on dichvucong.gov.vn before telling the citizen.
procedure-online-only = Online only since 1 Oct 2025.

fee-free = Free
fee-amount = { $amount } đồng
fee-unverified = not verified

cli-catalog-installed = Installed catalogue pack { $pack } version { $version } ({ $count } procedures).
cli-catalog-already-installed = Catalogue pack { $pack } version { $version } was already installed; nothing changed.
cli-catalog-no-results = No matching procedure.
cli-catalog-field = Field: { $value }
cli-catalog-agency = Deciding agency: { $value }
cli-catalog-time = Time limit: { $value }
cli-catalog-where = Where to submit: { $value }
cli-catalog-vneid = Needs VNeID level { $level }
cli-catalog-documents = Required papers:
cli-catalog-fees = Fees (in person / online):
kiosk-search-label = What do you need to do?
