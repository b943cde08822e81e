// Generated from gocua-api's command declarations (crates/api/src/surface.rs).
// Do not edit: `UPDATE_BINDINGS=1 cargo test -p gocua-api --test it bindings` rewrites it.
import type { AppInfo } from './AppInfo';
import type { AttachmentAdd } from './AttachmentAdd';
import type { AttachmentRemove } from './AttachmentRemove';
import type { CardCheck } from './CardCheck';
import type { CardDto } from './CardDto';
import type { CardProblem } from './CardProblem';
import type { CatalogImport } from './CatalogImport';
import type { CatalogSearch } from './CatalogSearch';
import type { CatalogShow } from './CatalogShow';
import type { CccdParse } from './CccdParse';
import type { CitizenDto } from './CitizenDto';
import type { CitizenFind } from './CitizenFind';
import type { CitizenPage } from './CitizenPage';
import type { CitizenRegister } from './CitizenRegister';
import type { CitizenShow } from './CitizenShow';
import type { CommuneDto } from './CommuneDto';
import type { ConsentWithdraw } from './ConsentWithdraw';
import type { ConversionDto } from './ConversionDto';
import type { DossierCreate } from './DossierCreate';
import type { DossierCreated } from './DossierCreated';
import type { DossierGo } from './DossierGo';
import type { DossierHandoff } from './DossierHandoff';
import type { DossierItem } from './DossierItem';
import type { DossierList } from './DossierList';
import type { DossierMark } from './DossierMark';
import type { DossierPage } from './DossierPage';
import type { DossierRef } from './DossierRef';
import type { DossierSet } from './DossierSet';
import type { DossierView } from './DossierView';
import type { FileSaved } from './FileSaved';
import type { FormSummary } from './FormSummary';
import type { Guides } from './Guides';
import type { HandoverInbox } from './HandoverInbox';
import type { HandoverItem } from './HandoverItem';
import type { HandoverRef } from './HandoverRef';
import type { HandoverSendRequest } from './HandoverSendRequest';
import type { HubAnchorCheck } from './HubAnchorCheck';
import type { HubDevice } from './HubDevice';
import type { HubJoin } from './HubJoin';
import type { HubRosterDto } from './HubRosterDto';
import type { HubStatus } from './HubStatus';
import type { HubSyncReport } from './HubSyncReport';
import type { KioskForm } from './KioskForm';
import type { KioskItem } from './KioskItem';
import type { KioskSet } from './KioskSet';
import type { OperatorAdd } from './OperatorAdd';
import type { OperatorDto } from './OperatorDto';
import type { OperatorRef } from './OperatorRef';
import type { OperatorResetPin } from './OperatorResetPin';
import type { OperatorUnlock } from './OperatorUnlock';
import type { OutboxDto } from './OutboxDto';
import type { OutboxRelease } from './OutboxRelease';
import type { PackInfo } from './PackInfo';
import type { PrintDocument } from './PrintDocument';
import type { ProbeResult } from './ProbeResult';
import type { ProcedureDto } from './ProcedureDto';
import type { ProcedureHit } from './ProcedureHit';
import type { QrFrame } from './QrFrame';
import type { ReportDto } from './ReportDto';
import type { ReportExport } from './ReportExport';
import type { ReportRequest } from './ReportRequest';
import type { SessionDto } from './SessionDto';
import type { SetLanguage } from './SetLanguage';
import type { SetPortalUrl } from './SetPortalUrl';
import type { SpeakRequest } from './SpeakRequest';
import type { Spoken } from './Spoken';
import type { SyncReport } from './SyncReport';
import type { UnitDto } from './UnitDto';
import type { UnitsCommunes } from './UnitsCommunes';
import type { UnitsConvert } from './UnitsConvert';
import type { UnitsSearch } from './UnitsSearch';
import type { VisitDto } from './VisitDto';
import type { VisitEnd } from './VisitEnd';
import type { VisitStart } from './VisitStart';
import type { VisitUpdate } from './VisitUpdate';

/** Runs one command by name with its request (`null` for none). */
export type Call = <T>(command: string, req: unknown) => Promise<T>;

/** One typed function per command. */
export function client(call: Call) {
  return {
    appInfo: () => call<AppInfo>('app_info', null),
    setLanguage: (req: SetLanguage) => call<AppInfo>('set_language', req),
    setPortalUrl: (req: SetPortalUrl) => call<AppInfo>('set_portal_url', req),
    probePortal: () => call<ProbeResult>('probe_portal', null),
    catalogSearch: (req: CatalogSearch) => call<Array<ProcedureHit>>('catalog_search', req),
    catalogShow: (req: CatalogShow) => call<ProcedureDto>('catalog_show', req),
    catalogPacks: () => call<Array<PackInfo>>('catalog_packs', null),
    catalogImport: (req: CatalogImport) => call<PackInfo>('catalog_import', req),
    unitsProvinces: () => call<Array<UnitDto>>('units_provinces', null),
    unitsCommunes: (req: UnitsCommunes) => call<Array<UnitDto>>('units_communes', req),
    unitsSearch: (req: UnitsSearch) => call<Array<CommuneDto>>('units_search', req),
    unitsConvert: (req: UnitsConvert) => call<ConversionDto>('units_convert', req),
    cccdParse: (req: CccdParse) => call<CardCheck>('cccd_parse', req),
    cccdCheck: (req: CardDto) => call<CardCheck>('cccd_check', req),
    cccdProblems: (req: CardDto) => call<Array<CardProblem>>('cccd_problems', req),
    citizenRegister: (req: CitizenRegister) => call<CitizenDto>('citizen_register', req),
    citizenList: () => call<Array<CitizenDto>>('citizen_list', null),
    citizenFind: (req: CitizenFind) => call<CitizenPage>('citizen_find', req),
    citizenShow: (req: CitizenShow) => call<CitizenDto>('citizen_show', req),
    consentWithdraw: (req: ConsentWithdraw) => call<CitizenDto>('consent_withdraw', req),
    visitStart: (req: VisitStart) => call<VisitDto>('visit_start', req),
    visitUpdate: (req: VisitUpdate) => call<VisitDto>('visit_update', req),
    visitEnd: (req: VisitEnd) => call<VisitDto>('visit_end', req),
    operatorLast: () => call<string | null>('operator_last', null),
    guides: () => call<Guides>('guides', null),
    consentReceipt: (req: CitizenShow) => call<FileSaved>('consent_receipt', req),
    qrDecodeFrame: (req: QrFrame) => call<Array<string>>('qr_decode_frame', req),
    speak: (req: SpeakRequest) => call<Spoken>('speak', req),
    consentReceiptPrint: (req: CitizenShow) => call<PrintDocument>('consent_receipt_print', req),
    dossierChecklistPrint: (req: DossierRef) => call<PrintDocument>('dossier_checklist_print', req),
    fileOpen: (req: FileSaved) => call<null>('file_open', req),
    kioskForm: (req: KioskForm) => call<DossierView>('kiosk_form', req),
    kioskSet: (req: KioskSet) => call<DossierView>('kiosk_set', req),
    kioskItem: (req: KioskItem) => call<DossierView>('kiosk_item', req),
    kioskPrintOut: (req: KioskForm) => call<null>('kiosk_print_out', req),
    operatorList: () => call<Array<OperatorDto>>('operator_list', null),
    operatorFirstLead: (req: OperatorAdd) => call<SessionDto>('operator_first_lead', req),
    sessionTouch: () => call<SessionDto>('session_touch', null),
    operatorAdd: (req: OperatorAdd) => call<OperatorDto>('operator_add', req),
    operatorResetPin: (req: OperatorResetPin) => call<OperatorDto>('operator_reset_pin', req),
    operatorRemove: (req: OperatorRef) => call<Array<OperatorDto>>('operator_remove', req),
    sessionGet: () => call<SessionDto>('session_get', null),
    sessionUnlock: (req: OperatorUnlock) => call<SessionDto>('session_unlock', req),
    sessionLock: () => call<SessionDto>('session_lock', null),
    kioskEnter: () => call<SessionDto>('kiosk_enter', null),
    kioskLeave: (req: OperatorUnlock) => call<SessionDto>('kiosk_leave', req),
    formsList: () => call<Array<FormSummary>>('forms_list', null),
    dossierCreate: (req: DossierCreate) => call<DossierCreated>('dossier_create', req),
    dossierList: (req: DossierList) => call<DossierPage>('dossier_list', req),
    dossierOpen: (req: DossierRef) => call<DossierView>('dossier_open', req),
    dossierSet: (req: DossierSet) => call<DossierView>('dossier_set', req),
    dossierItem: (req: DossierItem) => call<DossierView>('dossier_item', req),
    dossierGo: (req: DossierGo) => call<DossierView>('dossier_go', req),
    dossierMark: (req: DossierMark) => call<DossierView>('dossier_mark', req),
    dossierReady: (req: DossierRef) => call<DossierView>('dossier_ready', req),
    dossierUpgrade: (req: DossierRef) => call<DossierView>('dossier_upgrade', req),
    dossierDelete: (req: DossierRef) => call<null>('dossier_delete', req),
    attachmentAdd: (req: AttachmentAdd) => call<DossierView>('attachment_add', req),
    attachmentRemove: (req: AttachmentRemove) => call<DossierView>('attachment_remove', req),
    attachmentGet: (req: AttachmentRemove) => call<string>('attachment_get', req),
    dossierChecklist: (req: DossierRef) => call<FileSaved>('dossier_checklist', req),
    report: (req: ReportRequest) => call<ReportDto>('report', req),
    reportExport: (req: ReportExport) => call<FileSaved>('report_export', req),
    dossierQueue: (req: DossierRef) => call<DossierView>('dossier_queue', req),
    dossierHandoff: (req: DossierHandoff) => call<DossierView>('dossier_handoff', req),
    syncNow: () => call<SyncReport>('sync_now', null),
    outboxList: () => call<OutboxDto>('outbox_list', null),
    outboxRelease: (req: OutboxRelease) => call<OutboxDto>('outbox_release', req),
    outboxRetry: () => call<OutboxDto>('outbox_retry', null),
    dossierExportFiles: (req: DossierRef) => call<FileSaved>('dossier_export_files', req),
    hubJoin: (req: HubJoin) => call<HubStatus>('hub_join', req),
    hubStatus: () => call<HubStatus>('hub_status', null),
    hubSync: () => call<HubSyncReport>('hub_sync', null),
    hubLeave: () => call<HubStatus>('hub_leave', null),
    hubAnchorCheck: () => call<HubAnchorCheck | null>('hub_anchor_check', null),
    hubRoster: () => call<HubRosterDto | null>('hub_roster', null),
    hubDevices: () => call<Array<HubDevice>>('hub_devices', null),
    handoverSend: (req: HandoverSendRequest) => call<HandoverItem>('handover_send', req),
    handoverInbox: () => call<HandoverInbox>('handover_inbox', null),
    handoverAccept: (req: HandoverRef) => call<DossierView>('handover_accept', req),
    handoverDecline: (req: HandoverRef) => call<HandoverInbox>('handover_decline', req),
    handoverReclaim: (req: DossierRef) => call<DossierView>('handover_reclaim', req),
  };
}

/** Every command name. */
export type CommandName =
  | 'app_info'
  | 'set_language'
  | 'set_portal_url'
  | 'probe_portal'
  | 'catalog_search'
  | 'catalog_show'
  | 'catalog_packs'
  | 'catalog_import'
  | 'units_provinces'
  | 'units_communes'
  | 'units_search'
  | 'units_convert'
  | 'cccd_parse'
  | 'cccd_check'
  | 'cccd_problems'
  | 'citizen_register'
  | 'citizen_list'
  | 'citizen_find'
  | 'citizen_show'
  | 'consent_withdraw'
  | 'visit_start'
  | 'visit_update'
  | 'visit_end'
  | 'operator_last'
  | 'guides'
  | 'consent_receipt'
  | 'qr_decode_frame'
  | 'speak'
  | 'consent_receipt_print'
  | 'dossier_checklist_print'
  | 'file_open'
  | 'kiosk_form'
  | 'kiosk_set'
  | 'kiosk_item'
  | 'kiosk_print_out'
  | 'operator_list'
  | 'operator_first_lead'
  | 'session_touch'
  | 'operator_add'
  | 'operator_reset_pin'
  | 'operator_remove'
  | 'session_get'
  | 'session_unlock'
  | 'session_lock'
  | 'kiosk_enter'
  | 'kiosk_leave'
  | 'forms_list'
  | 'dossier_create'
  | 'dossier_list'
  | 'dossier_open'
  | 'dossier_set'
  | 'dossier_item'
  | 'dossier_go'
  | 'dossier_mark'
  | 'dossier_ready'
  | 'dossier_upgrade'
  | 'dossier_delete'
  | 'attachment_add'
  | 'attachment_remove'
  | 'attachment_get'
  | 'dossier_checklist'
  | 'report'
  | 'report_export'
  | 'dossier_queue'
  | 'dossier_handoff'
  | 'sync_now'
  | 'outbox_list'
  | 'outbox_release'
  | 'outbox_retry'
  | 'dossier_export_files'
  | 'hub_join'
  | 'hub_status'
  | 'hub_sync'
  | 'hub_leave'
  | 'hub_anchor_check'
  | 'hub_roster'
  | 'hub_devices'
  | 'handover_send'
  | 'handover_inbox'
  | 'handover_accept'
  | 'handover_decline'
  | 'handover_reclaim';
