// The only module that talks to Rust. Every call is typed by the bindings
// generated from gocua-api (crates/api/bindings), and every failure becomes an
// IpcError carrying the stable code and the already-translated message.
import { invoke } from '@tauri-apps/api/core';
import type { AppInfo } from '$bindings/AppInfo';
import type { ErrorCode } from '$bindings/ErrorCode';
import type { ErrorDto } from '$bindings/ErrorDto';
import type { ProbeResult } from '$bindings/ProbeResult';
import type { SetLanguage } from '$bindings/SetLanguage';
import type { SetPortalUrl } from '$bindings/SetPortalUrl';
import type { CatalogImport } from '$bindings/CatalogImport';
import type { CatalogSearch } from '$bindings/CatalogSearch';
import type { CatalogShow } from '$bindings/CatalogShow';
import type { PackInfo } from '$bindings/PackInfo';
import type { ProcedureDto } from '$bindings/ProcedureDto';
import type { ProcedureHit } from '$bindings/ProcedureHit';
import type { LocalTextDto } from '$bindings/LocalTextDto';
import type { CommuneDto } from '$bindings/CommuneDto';
import type { ConversionDto } from '$bindings/ConversionDto';
import type { UnitDto } from '$bindings/UnitDto';
import type { UnitsCommunes } from '$bindings/UnitsCommunes';
import type { UnitsConvert } from '$bindings/UnitsConvert';
import type { UnitsSearch } from '$bindings/UnitsSearch';
import type { CardCheck } from '$bindings/CardCheck';
import type { CardDto } from '$bindings/CardDto';
import type { CccdParse } from '$bindings/CccdParse';
import type { CitizenDto } from '$bindings/CitizenDto';
import type { CitizenRegister } from '$bindings/CitizenRegister';
import type { CitizenShow } from '$bindings/CitizenShow';
import type { ConsentWithdraw } from '$bindings/ConsentWithdraw';
import type { Guides } from '$bindings/Guides';
import type { FileSaved } from '$bindings/FileSaved';
import type { QrFrame } from '$bindings/QrFrame';
import type { OperatorDto } from '$bindings/OperatorDto';
import type { OperatorUnlock } from '$bindings/OperatorUnlock';
import type { OperatorAdd } from '$bindings/OperatorAdd';
import type { OperatorRef } from '$bindings/OperatorRef';
import type { OperatorResetPin } from '$bindings/OperatorResetPin';
import type { PrintDocument } from '$bindings/PrintDocument';
import type { SessionDto } from '$bindings/SessionDto';
import type { VisitDto } from '$bindings/VisitDto';
import type { VisitEnd } from '$bindings/VisitEnd';
import type { VisitStart } from '$bindings/VisitStart';
import type { VisitUpdate } from '$bindings/VisitUpdate';
import type { AttachmentAdd } from '$bindings/AttachmentAdd';
import type { ReportDto } from '$bindings/ReportDto';
import type { OutboxDto } from '$bindings/OutboxDto';
import type { SyncReport } from '$bindings/SyncReport';
import type { DossierHandoff } from '$bindings/DossierHandoff';
import type { OutboxRelease } from '$bindings/OutboxRelease';
import type { ReportExport } from '$bindings/ReportExport';
import type { ReportRequest } from '$bindings/ReportRequest';
import type { AttachmentRemove } from '$bindings/AttachmentRemove';
import type { DossierCreate } from '$bindings/DossierCreate';
import type { ConsentPurposeCode } from '$bindings/ConsentPurposeCode';
import type { DossierCreated } from '$bindings/DossierCreated';
import type { DossierGo } from '$bindings/DossierGo';
import type { DossierItem } from '$bindings/DossierItem';
import type { DossierList } from '$bindings/DossierList';
import type { DossierMark } from '$bindings/DossierMark';
import type { DossierPage } from '$bindings/DossierPage';
import type { DossierRef } from '$bindings/DossierRef';
import type { DossierSet } from '$bindings/DossierSet';
import type { DossierSummary } from '$bindings/DossierSummary';
import type { DossierView } from '$bindings/DossierView';
import type { FieldDto } from '$bindings/FieldDto';
import type { DocumentDto } from '$bindings/DocumentDto';
import type { FormSummary } from '$bindings/FormSummary';
import type { SectionDto } from '$bindings/SectionDto';
import type { PageDto } from '$bindings/PageDto';
import type { IssueDto } from '$bindings/IssueDto';

export type { OutboxDto, ReportDto, ReportRequest, SyncReport };
export type { DocumentDto, DossierCreated, DossierPage, DossierSummary, DossierView, FieldDto, FormSummary, IssueDto, PageDto, SectionDto };

export type { CardCheck, CardDto, CitizenDto, ConsentPurposeCode, Guides, OperatorDto, SessionDto, VisitDto };
export type {
  AppInfo, CommuneDto, ConversionDto, ErrorCode, LocalTextDto, PackInfo, ProbeResult, ProcedureDto, ProcedureHit, UnitDto,
};

export class IpcError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
}

function isErrorDto(e: unknown): e is ErrorDto {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ErrorDto).code === 'string' &&
    typeof (e as ErrorDto).message === 'string'
  );
}

/** Turns whatever `invoke` rejected with into an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (isErrorDto(e)) return new IpcError(e.code, e.message);
  // Tauri itself failed (unknown command, bad arguments): not translatable
  // here, so keep the raw text for support staff.
  return new IpcError('internal', e instanceof Error ? e.message : String(e));
}

type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

/** The typed commands, over any invoke function (the real one, or a fake in tests). */
export function commands(invokeFn: Invoke) {
  async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
    try {
      return await invokeFn<T>(cmd, args);
    } catch (e) {
      throw toIpcError(e);
    }
  }
  return {
    appInfo: () => call<AppInfo>('app_info'),
    setLanguage: (req: SetLanguage) => call<AppInfo>('set_language', { req }),
    setPortalUrl: (req: SetPortalUrl) => call<AppInfo>('set_portal_url', { req }),
    probePortal: () => call<ProbeResult>('probe_portal'),
    catalogSearch: (req: CatalogSearch) => call<ProcedureHit[]>('catalog_search', { req }),
    catalogShow: (req: CatalogShow) => call<ProcedureDto>('catalog_show', { req }),
    catalogPacks: () => call<PackInfo[]>('catalog_packs'),
    catalogImport: (req: CatalogImport) => call<PackInfo>('catalog_import', { req }),
    unitsProvinces: () => call<UnitDto[]>('units_provinces'),
    unitsCommunes: (req: UnitsCommunes) => call<UnitDto[]>('units_communes', { req }),
    unitsSearch: (req: UnitsSearch) => call<CommuneDto[]>('units_search', { req }),
    unitsConvert: (req: UnitsConvert) => call<ConversionDto>('units_convert', { req }),
    cccdParse: (req: CccdParse) => call<CardCheck>('cccd_parse', { req }),
    cccdCheck: (req: CardDto) => call<CardCheck>('cccd_check', { req }),
    citizenRegister: (req: CitizenRegister) => call<CitizenDto>('citizen_register', { req }),
    citizenList: () => call<CitizenDto[]>('citizen_list'),
    citizenShow: (req: CitizenShow) => call<CitizenDto>('citizen_show', { req }),
    consentWithdraw: (req: ConsentWithdraw) => call<CitizenDto>('consent_withdraw', { req }),
    visitStart: (req: VisitStart) => call<VisitDto>('visit_start', { req }),
    visitUpdate: (req: VisitUpdate) => call<VisitDto>('visit_update', { req }),
    visitEnd: (req: VisitEnd) => call<VisitDto>('visit_end', { req }),
    operatorLast: () => call<string | null>('operator_last'),
    guides: () => call<Guides>('guides'),
    consentReceipt: (req: CitizenShow) => call<FileSaved>('consent_receipt', { req }),
    consentReceiptPrint: (req: CitizenShow) => call<PrintDocument>('consent_receipt_print', { req }),
    dossierChecklistPrint: (req: DossierRef) => call<PrintDocument>('dossier_checklist_print', { req }),
    qrDecodeFrame: (req: QrFrame) => call<string[]>('qr_decode_frame', { req }),
    operatorList: () => call<OperatorDto[]>('operator_list'),
    sessionGet: () => call<SessionDto>('session_get'),
    sessionUnlock: (req: OperatorUnlock) => call<SessionDto>('session_unlock', { req }),
    sessionLock: () => call<SessionDto>('session_lock'),
    sessionTouch: () => call<SessionDto>('session_touch'),
    operatorFirstLead: (req: OperatorAdd) => call<SessionDto>('operator_first_lead', { req }),
    operatorAdd: (req: OperatorAdd) => call<OperatorDto>('operator_add', { req }),
    operatorResetPin: (req: OperatorResetPin) => call<OperatorDto>('operator_reset_pin', { req }),
    operatorRemove: (req: OperatorRef) => call<OperatorDto[]>('operator_remove', { req }),
    kioskEnter: () => call<SessionDto>('kiosk_enter'),
    kioskLeave: (req: OperatorUnlock) => call<SessionDto>('kiosk_leave', { req }),
    formsList: () => call<FormSummary[]>('forms_list'),
    dossierCreate: (req: DossierCreate) => call<DossierCreated>('dossier_create', { req }),
    dossierList: (req: DossierList) => call<DossierPage>('dossier_list', { req }),
    dossierOpen: (req: DossierRef) => call<DossierView>('dossier_open', { req }),
    dossierSet: (req: DossierSet) => call<DossierView>('dossier_set', { req }),
    dossierItem: (req: DossierItem) => call<DossierView>('dossier_item', { req }),
    dossierGo: (req: DossierGo) => call<DossierView>('dossier_go', { req }),
    dossierMark: (req: DossierMark) => call<DossierView>('dossier_mark', { req }),
    dossierReady: (req: DossierRef) => call<DossierView>('dossier_ready', { req }),
    dossierUpgrade: (req: DossierRef) => call<DossierView>('dossier_upgrade', { req }),
    dossierDelete: (req: DossierRef) => call<null>('dossier_delete', { req }),
    dossierChecklist: (req: DossierRef) => call<FileSaved>('dossier_checklist', { req }),
    attachmentAdd: (req: AttachmentAdd) => call<DossierView>('attachment_add', { req }),
    attachmentRemove: (req: AttachmentRemove) => call<DossierView>('attachment_remove', { req }),
    attachmentGet: (req: AttachmentRemove) => call<string>('attachment_get', { req }),
    report: (req: ReportRequest) => call<ReportDto>('report', { req }),
    reportExport: (req: ReportExport) => call<FileSaved>('report_export', { req }),
    dossierQueue: (req: DossierRef) => call<DossierView>('dossier_queue', { req }),
    dossierHandoff: (req: DossierHandoff) => call<DossierView>('dossier_handoff', { req }),
    dossierExportFiles: (req: DossierRef) => call<FileSaved>('dossier_export_files', { req }),
    syncNow: () => call<SyncReport>('sync_now'),
    outboxList: () => call<OutboxDto>('outbox_list'),
    outboxRetry: () => call<OutboxDto>('outbox_retry'),
    outboxRelease: (req: OutboxRelease) => call<OutboxDto>('outbox_release', { req }),
  };
}

export const api = commands(invoke);
