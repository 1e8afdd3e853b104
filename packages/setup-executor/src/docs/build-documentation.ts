/**
 * The documentation step of `nx-raco setup` (raco setup's `--- building documentation ---`,
 * racket-index/setup/scribble.rkt): decide which documents to build, run and render them in one
 * Racket worker, record stamps, and write the workspace index page.
 *
 * Sequence, as raco prints it: `running: <src>` for each document to build (its cross-reference
 * data is written), repeated while those builds make more documents due (`rebuild-decision.ts`);
 * then `WARNING: undefined tag in <src>:` with the tags; then `rendering: <src>` for each (HTML
 * written, then the stamp). Whatever a document prints comes right after its line.
 *
 * Cross-references: links into installed documentation resolve through the installation's (and
 * user's) documentation database, read only, as raco's `make-collections-xref`; links between
 * workspace documents resolve through their saved `out<i>.sxref` files, which are current for
 * documents run in this run and kept from earlier runs for the others. No database is written.
 *
 * Differences from raco: the undefined-tag report covers the documents built in this run (raco
 * repeats it for every selected document); documents outside the given collections are never
 * built (raco also builds `'depends-all` documents elsewhere); errors are recorded per document
 * and the step goes on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findProbeCacheFile, probeRacket, type RacketProbe } from '@nx-raco/cm-core';
import { listSetupCollections, type SetupCollection } from '../setup-command/collection-files.js';
import { PROGRAM } from '../setup-command/setup-options.js';
import { formatBanner, type SetupError } from '../setup-command/setup-report.js';
import { listWorkspaceCollections } from '../setup-command/workspace-collections.js';
import { DOC_STEP, hasFlag, hasSource, listDocTargets, type DocTarget } from './doc-target.js';
import { getCompiledSourceHash, getOutHash, readDocStamp, removeDocStamp, writeDocStamp, type DocStamp, type DocStampEntry } from './doc-stamp.js';
import { getDocIndexPath, updateIndexPage } from './index-file.js';
import { toHref } from './index-page.js';
import { decideOwnRebuild, findTriggeredRebuilds, type BuiltDoc, type DocDecision, type DocRebuildReason } from './rebuild-decision.js';
import { toWorkerDoc, type WorkerReply } from './render-protocol.js';
import { createDocWorker, type DocWorker, type DocWorkerOptions } from './render-worker.js';

export interface BuildDocumentationContext {
  readonly workspaceRoot: string;
  /** The Racket executable. */
  readonly racket: string;
  /** The environment Racket runs in: the workspace's collections visible (`createWorkspaceEnv`). */
  readonly env: NodeJS.ProcessEnv;
  /** The clock for the banner. Test-only. @default () => new Date() */
  readonly now?: () => Date;
  /** Receives each selected document's decision (`reason: undefined` = up to date). @default none */
  readonly onDecision?: (decision: DocDecision) => void;
  /** Starts the worker differently. Test-only. @default racket render-docs.rkt */
  readonly workerCommand?: DocWorkerOptions['command'];
  /**
   * Rewrite the workspace index page. The Nx executor leaves it out: it lists every project's
   * documents, so no one project's task may own it. @default true
   */
  readonly writeIndex?: boolean;
  /**
   * Every collection of the workspace (for cross-references and the index), when the caller has
   * listed them already. @default listed from `workspaceRoot`
   */
  readonly allCollections?: readonly SetupCollection[];
}

export interface BuildDocumentationIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

interface Planned {
  readonly target: DocTarget;
  readonly entry: DocStampEntry;
  readonly source: string;
  readonly stamp: DocStamp | undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stampEntry(target: DocTarget, upLink: string): DocStampEntry {
  return { src: target.src, flags: [...target.flags], name: target.name, outCount: target.outCount, upLink };
}

function outputsExist(target: DocTarget): boolean {
  if (!existsSync(join(target.destDir, 'index.html'))) return false;
  for (let i = 0; i <= target.outCount; i += 1) if (!existsSync(join(target.destDir, `out${i}.sxref`))) return false;
  return true;
}

/** All documents of the workspace (for cross-references and the index). */
function listAllTargets(ctx: BuildDocumentationContext): DocTarget[] {
  const all = ctx.allCollections ?? listSetupCollections(listWorkspaceCollections(ctx.workspaceRoot), [], { noDocs: false });
  return listDocTargets(all, ctx.workspaceRoot).targets;
}

class DocRun {
  readonly errors: SetupError[] = [];
  private readonly outHashes = new Map<string, string>();
  private readonly byId: Map<string, DocTarget>;

  constructor(
    all: readonly DocTarget[],
    private readonly io: BuildDocumentationIo,
    private readonly worker: DocWorker,
    private readonly upPath: string,
  ) {
    this.byId = new Map(all.map((t) => [t.id, t]));
  }

  outHash = (id: string): string | undefined => {
    const target = this.byId.get(id);
    if (target === undefined) return undefined;
    let hash = this.outHashes.get(id);
    if (hash === undefined) {
      hash = getOutHash(target);
      this.outHashes.set(id, hash);
    }
    return hash;
  };

  fail(target: DocTarget, message: string): void {
    this.errors.push({ collection: target.srcPath, during: DOC_STEP, message });
  }

  /** Passes on what the document printed; the reply if it is a success of `op`, else throws its error. */
  private accept<O extends 'ran' | 'checked' | 'rendered'>(reply: WorkerReply, op: O): Extract<WorkerReply, { op: O; ok: true }> {
    if (reply.op === 'ready') throw new Error(`Expected a \`${op}\` reply, got \`ready\`. This is a bug in @nx-raco/setup-executor.`);
    if (reply.stdout !== '') this.io.stdout(reply.stdout);
    if (reply.stderr !== '') this.io.stderr(reply.stderr);
    if (!reply.ok) throw new Error(reply.error);
    if (reply.op !== op) throw new Error(`Expected a \`${op}\` reply, got \`${reply.op}\`. This is a bug in @nx-raco/setup-executor.`);
    return reply as Extract<WorkerReply, { op: O; ok: true }>;
  }

  private workerDoc(target: DocTarget): ReturnType<typeof toWorkerDoc> {
    return toWorkerDoc(target, this.upPath, toHref(target.destDir, this.upPath));
  }

  /** raco's "running:" pass; the tags the document defines, or `undefined` when it failed. */
  async run(target: DocTarget): Promise<Set<string> | undefined> {
    this.io.stdout(`${PROGRAM}: running: ${target.srcPath}\n`);
    removeDocStamp(target);
    this.outHashes.delete(target.id);
    try {
      const reply = this.accept(await this.worker.request({ op: 'run', doc: this.workerDoc(target) }, `running ${target.srcPath}`), 'ran');
      return new Set(reply.provides);
    } catch (error) {
      this.fail(target, errorText(error));
      return undefined;
    }
  }

  /** raco's undefined-tag report for `targets`. */
  async reportUndefined(targets: readonly DocTarget[]): Promise<void> {
    const checked = targets.filter((t) => !hasFlag(t, 'depends-all') && !hasFlag(t, 'depends-all-main') && !hasFlag(t, 'depends-all-user'));
    if (checked.length === 0) return;
    try {
      const reply = this.accept(await this.worker.request({ op: 'check', ids: checked.map((t) => t.id) }, 'checking cross-references'), 'checked');
      for (const target of checked) {
        const tags = reply.undefined[target.id] ?? [];
        if (tags.length === 0) continue;
        this.io.stdout(`${PROGRAM}: WARNING: undefined tag in ${target.srcPath}:\n`);
        for (const tag of tags) this.io.stdout(`${PROGRAM}:  ${tag}\n`);
      }
    } catch (error) {
      // Only the report is lost; the documents still render.
      this.io.stderr(`${PROGRAM}: WARNING: could not check cross-references: ${errorText(error)}\n`);
    }
  }

  /** raco's "rendering:" pass, then the stamp. */
  async render(plan: Planned, racket: string): Promise<void> {
    const { target } = plan;
    this.io.stdout(`${PROGRAM}: rendering: ${target.srcPath}\n`);
    try {
      const reply = this.accept(await this.worker.request({ op: 'render', doc: this.workerDoc(target) }, `rendering ${target.srcPath}`), 'rendered');
      const refs: Record<string, string> = {};
      for (const id of reply.refs) {
        const hash = this.outHash(id);
        if (hash !== undefined) refs[id] = hash;
      }
      writeDocStamp(target, { racket, entry: plan.entry, source: plan.source, title: reply.title ?? target.name, refs, undefined: [...reply.undefined] });
    } catch (error) {
      this.fail(target, errorText(error));
    }
  }
}

function racketId(probe: RacketProbe): string {
  return `${probe.version} ${probe.vm}`;
}

/**
 * Builds the documentation of `ccs` (prints the step banner first) and rewrites the workspace
 * index page; resolves to the errors, one per failed document or bad `scribblings` field.
 * @param ccs The collections being set up (their `info.rkt` read; those with `infoError` are skipped).
 * @param ctx Workspace root, Racket and its environment.
 * @example await buildDocumentation(ccs, { workspaceRoot: '/ws', racket: 'racket', env: createWorkspaceEnv(dirs, process.env) }, io) //=> []
 */
export async function buildDocumentation(ccs: readonly SetupCollection[], ctx: BuildDocumentationContext, io: BuildDocumentationIo): Promise<SetupError[]> {
  io.stdout(formatBanner('building documentation', (ctx.now ?? (() => new Date()))()));
  const { targets, errors } = listDocTargets(ccs.filter((cc) => cc.infoError === undefined), ctx.workspaceRoot);
  if (targets.length === 0) {
    const all = listAllTargets(ctx);
    if (all.length > 0 && ctx.writeIndex !== false) updateIndexPage(ctx.workspaceRoot, all);
    return errors;
  }
  let probe: RacketProbe;
  try {
    const cacheFile = findProbeCacheFile(ctx.workspaceRoot);
    probe = probeRacket({ racket: ctx.racket, env: ctx.env, ...(cacheFile === undefined ? {} : { cacheFile }) });
  } catch (error) {
    return [...errors, { collection: targets[0]!.collectionDir, during: DOC_STEP, message: errorText(error) }];
  }
  const racket = racketId(probe);
  const search = { modes: probe.modes, roots: probe.roots };
  const selectedIds = new Set(targets.map((t) => t.id));
  const all = [...targets, ...listAllTargets(ctx).filter((t) => !selectedIds.has(t.id))];
  const upPath = getDocIndexPath(ctx.workspaceRoot);

  const worker = createDocWorker({
    racket: ctx.racket,
    cwd: ctx.workspaceRoot,
    env: ctx.env,
    docs: all.map((t) => toWorkerDoc(t, upPath, toHref(t.destDir, upPath))),
    onStderr: io.stderr,
    ...(ctx.workerCommand === undefined ? {} : { command: ctx.workerCommand }),
  });
  const run = new DocRun(all, io, worker, upPath);
  run.errors.push(...errors);
  const decide = (target: DocTarget, reason: DocRebuildReason | undefined): void => ctx.onDecision?.({ id: target.id, src: target.srcPath, reason });

  try {
    let pending: Planned[] = [];
    const waiting: Planned[] = [];
    for (const target of targets) {
      if (!hasSource(target)) {
        run.fail(target, `${target.srcPath}: the document's source is missing; create it or remove its entry from \`scribblings\` in ${join(target.collectionDir, 'info.rkt')}.`);
        continue;
      }
      const entry = stampEntry(target, toHref(target.destDir, upPath));
      const plan: Planned = { target, entry, source: getCompiledSourceHash(target.srcPath, search), stamp: readDocStamp(target) };
      const reason = decideOwnRebuild(target, plan.stamp, { racket, entry, source: plan.source, outputsExist: outputsExist(target), outHash: run.outHash });
      decide(target, reason);
      (reason === undefined ? waiting : pending).push(plan);
    }
    const built: { plan: Planned; doc: BuiltDoc }[] = [];
    while (pending.length > 0) {
      for (const plan of pending) {
        const provides = await run.run(plan.target);
        if (provides !== undefined) built.push({ plan, doc: { target: plan.target, provides } });
      }
      const triggered = findTriggeredRebuilds(waiting, built.map((b) => b.doc), run.outHash);
      const ids = new Set(triggered.map((t) => t.target.id));
      for (const t of triggered) decide(t.target, t.reason);
      pending = waiting.filter((p) => ids.has(p.target.id));
      for (let i = waiting.length - 1; i >= 0; i -= 1) if (ids.has(waiting[i]!.target.id)) waiting.splice(i, 1);
    }
    const order = (a: { plan: Planned }, b: { plan: Planned }): number => targets.indexOf(a.plan.target) - targets.indexOf(b.plan.target);
    built.sort(order);
    if (built.length > 0) await run.reportUndefined(built.map((b) => b.plan.target));
    for (const { plan } of built) await run.render(plan, racket);
  } finally {
    await worker.close();
  }
  try {
    if (ctx.writeIndex !== false) updateIndexPage(ctx.workspaceRoot, all);
  } catch (error) {
    run.errors.push({ collection: ctx.workspaceRoot, during: DOC_STEP, message: `${upPath}: ${errorText(error)}` });
  }
  return run.errors;
}
