// The only module that talks to Rust. Every call is typed by the bindings
// generated from gocua-api (crates/api/bindings), and every failure becomes an
// IpcError carrying the stable code and the already-translated message.
import { invoke } from '@tauri-apps/api/core';
import { client } from '$bindings/commands';
import type { ChangeKindCode } from '$bindings/ChangeKindCode';
import type { DossierState } from '$bindings/DossierState';
import type { FieldType } from '$bindings/FieldType';
import type { OpKind } from '$bindings/OpKind';
import type { OpState } from '$bindings/OpState';
import type { PaperMark } from '$bindings/PaperMark';
import type { PaperStatus } from '$bindings/PaperStatus';
import type { PortalOutcome } from '$bindings/PortalOutcome';
import type { ConsentPurpose } from '$bindings/ConsentPurpose';
import type { ReportFormatCode } from '$bindings/ReportFormatCode';
import type { Role } from '$bindings/Role';
import type { TaskStatus } from '$bindings/TaskStatus';
import type { VneidOutcome } from '$bindings/VneidOutcome';
import type { AppInfo } from '$bindings/AppInfo';
import type { ErrorCode } from '$bindings/ErrorCode';
import type { ErrorDto } from '$bindings/ErrorDto';
import type { ProbeResult } from '$bindings/ProbeResult';
import type { PackInfo } from '$bindings/PackInfo';
import type { ProcedureDto } from '$bindings/ProcedureDto';
import type { ProcedureHit } from '$bindings/ProcedureHit';
import type { LocalTextDto } from '$bindings/LocalTextDto';
import type { CommuneDto } from '$bindings/CommuneDto';
import type { ConversionDto } from '$bindings/ConversionDto';
import type { UnitDto } from '$bindings/UnitDto';
import type { CardCheck } from '$bindings/CardCheck';
import type { CardDto } from '$bindings/CardDto';
import type { CitizenDto } from '$bindings/CitizenDto';
import type { CitizenSummary } from '$bindings/CitizenSummary';
import type { Guides } from '$bindings/Guides';
import type { OperatorDto } from '$bindings/OperatorDto';
import type { SessionDto } from '$bindings/SessionDto';
import type { VisitDto } from '$bindings/VisitDto';
import type { ReportDto } from '$bindings/ReportDto';
import type { OutboxDto } from '$bindings/OutboxDto';
import type { SyncReport } from '$bindings/SyncReport';
import type { ReportRequest } from '$bindings/ReportRequest';
import type { ConsentPurposeCode } from '$bindings/ConsentPurposeCode';
import type { DossierCreated } from '$bindings/DossierCreated';
import type { DossierPage } from '$bindings/DossierPage';
import type { DossierSummary } from '$bindings/DossierSummary';
import type { DossierView } from '$bindings/DossierView';
import type { FieldDto } from '$bindings/FieldDto';
import type { DocumentDto } from '$bindings/DocumentDto';
import type { FormSummary } from '$bindings/FormSummary';
import type { SectionDto } from '$bindings/SectionDto';
import type { PageDto } from '$bindings/PageDto';
import type { IssueDto } from '$bindings/IssueDto';
import type { HubStatus } from '$bindings/HubStatus';
import type { HubSyncReport } from '$bindings/HubSyncReport';
import type { HubDevice } from '$bindings/HubDevice';
import type { HubRosterDto } from '$bindings/HubRosterDto';
import type { HandoverInbox } from '$bindings/HandoverInbox';
import type { HandoverIncomingItem } from '$bindings/HandoverIncomingItem';
import type { HandoverItem } from '$bindings/HandoverItem';

export type { HandoverInbox, HandoverIncomingItem, HandoverItem, HubDevice, HubRosterDto, HubStatus, HubSyncReport, OutboxDto, ReportDto, ReportRequest, SyncReport };
export type { DocumentDto, DossierCreated, DossierPage, DossierSummary, DossierView, FieldDto, FormSummary, IssueDto, PageDto, SectionDto };

export type { CardCheck, CardDto, CitizenDto, CitizenSummary, ConsentPurposeCode, Guides, OperatorDto, SessionDto, VisitDto };
export type {
  AppInfo, CommuneDto, ConversionDto, ErrorCode, LocalTextDto, PackInfo, ProbeResult, ProcedureDto, ProcedureHit, UnitDto,
};

/** The closed sets, as unions of their spellings. */
export type {
  ChangeKindCode, DossierState, FieldType, OpKind, OpState, PaperMark, PaperStatus, PortalOutcome, ConsentPurpose, ReportFormatCode, Role, TaskStatus, VneidOutcome,
};

export class IpcError extends Error {
  readonly code: ErrorCode;
  /** Seconds until it may be tried again (a PIN lock-out). */
  readonly retryAfter: number | null;
  constructor(code: ErrorCode, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.retryAfter = retryAfter;
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
  if (isErrorDto(e)) return new IpcError(e.code, e.message, e.retry_after ?? null);
  // Tauri itself failed (unknown command, bad arguments): not translatable
  // here, so keep the raw text for support staff.
  return new IpcError('internal', e instanceof Error ? e.message : String(e));
}

type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

/**
 * The typed commands, over any invoke function (the real one, or a fake in
 * tests). Names, requests and responses come from the client generated from
 * gocua-api's command declarations; every command travels through the one
 * Tauri command `call`.
 */
export function commands(invokeFn: Invoke) {
  async function call<T>(command: string, req: unknown): Promise<T> {
    try {
      return await invokeFn<T>('call', { command, req });
    } catch (e) {
      throw toIpcError(e);
    }
  }
  return client(call);
}

export const api = commands(invoke);
