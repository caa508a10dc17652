import type { OperationState } from '../../domain/operations/operation.ts';
import type { ApprovalDrawing, OperationNotifier } from '../ports/operation-notifier.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { RequestCardWriter } from '../ports/request-card-writer.ts';
import { tellChanges, type ChangeSender, type TellDependencies } from './tell-changes.ts';

export interface RequestNotifierOptions {
  /** The operations and their change notices: what was told is kept, so nothing is lost. */
  telling: TellDependencies;
  /** Where the approval cards and the requester's chat are written (the bot). */
  cards: RequestCardWriter;
}

/**
 * Every state change of a request, whoever made it (a click, the runner, the expiry sweep): each
 * copy of its approval card is redrawn and the requester is notified, through the card writer.
 * What is told is kept on the operation's change notice (`tell-changes.ts`): each change is told
 * once, from the operation as stored now, and one a process died before telling is told by the
 * job. Changes of one request are told in order, one after the other, and after the caller has
 * moved on: a click is answered at once, never held up by Teams. A new pending request's
 * approvers' copies are posted the same way, claimed on its notice, so the live path and the job
 * never both post them. A write that fails for now (Teams busy) is left untold for the job. While
 * a request runs, its checkpoints redraw the copies with its progress, in the request's queue, as
 * often as the writer's pace allows.
 */
export class RequestNotifier implements OperationNotifier {
  readonly #telling: TellDependencies;
  readonly #cards: RequestCardWriter;
  readonly #queues = new Map<string, Promise<void>>();
  // What planning knew of a request just asked for, until its approvers' copies are posted.
  readonly #drawings = new Map<string, ApprovalDrawing>();

  constructor(options: RequestNotifierOptions) {
    this.#telling = options.telling;
    this.#cards = options.cards;
  }

  changed(operation: StoredOperation, from: OperationState): Promise<void> {
    const key = `${operation.tenantId}/${operation.id}`;
    if (operation.state !== 'running') {
      this.#cards.progressOver(operation);
    }
    void this.#enqueue(key, Promise.resolve(), () => this.#tellUntold(operation, from));
    return Promise.resolve();
  }

  /**
   * Redraws the copies of a running operation's card with its progress, when the writer's pace
   * allows: in the operation's queue, so a change this process tells after it is drawn after it.
   * Returns at once; what fails is only logged.
   */
  progressed(operation: StoredOperation): void {
    const key = `${operation.tenantId}/${operation.id}`;
    if (operation.state !== 'running' || !this.#cards.progressDue(operation)) {
      return;
    }
    void this.#enqueue(key, Promise.resolve(), () => this.#cards.redrawProgress(operation));
  }

  /**
   * Posts a new pending request's approvers' copies, drawn with `drawing`, in the request's queue
   * (so a drain at shutdown waits for them, within its time). They start on a later turn of the
   * event loop (`setImmediate`): the turn that asked answers alongside, never held up by them.
   */
  asked(operation: StoredOperation, drawing: ApprovalDrawing): Promise<void> {
    const key = `${operation.tenantId}/${operation.id}`;
    this.#drawings.set(key, drawing);
    const later = new Promise<void>((resolve) => setImmediate(resolve));
    void this.#enqueue(key, later, () => this.#tellUntold(operation, operation.state)).finally(() =>
      this.#drawings.delete(key),
    );
    return Promise.resolve();
  }

  /** Runs `task` (which never rejects) once `ready`, after what the operation's queue holds. */
  #enqueue(key: string, ready: Promise<void>, task: () => Promise<void>): Promise<void> {
    const before = this.#queues.get(key) ?? Promise.resolve();
    const next = Promise.all([before, ready]).then(task);
    this.#queues.set(key, next);
    void next.finally(() => {
      if (this.#queues.get(key) === next) {
        this.#queues.delete(key);
      }
    });
    return next;
  }

  /** Whether a change is being told now (or queued to be). */
  get busy(): boolean {
    return this.#queues.size > 0;
  }

  /** Waits until every change told so far has been sent (for shutdown, and for tests). */
  async drain(): Promise<void> {
    while (this.#queues.size > 0) {
      await Promise.all(this.#queues.values());
    }
  }

  /**
   * Sends what the events of the operation mean: every copy redrawn as the operation is now, the
   * approvers' copies posted when due, and the requester notified of each event not told yet.
   * Throws only when the copies cannot be listed or the approvers found: then all is told again.
   */
  readonly send: ChangeSender = async (operation, work) => {
    const writing = {
      keepClaim: () => work.keepClaim(),
      log: this.#telling.logger.child({
        operationId: operation.id,
        events: work.events.map((event) => event.to),
        state: operation.state,
      }),
    };
    // A new request has nothing to redraw yet: only its approvers' copies to post.
    const redrawn =
      work.events.length === 0 ||
      !work.redraw ||
      (await this.#cards.redrawCards(operation, writing));
    const drawing = this.#drawings.get(`${operation.tenantId}/${operation.id}`) ?? {};
    const approvalsPosted =
      !work.postApprovals ||
      operation.state !== 'pending' ||
      (await this.#cards.postApprovalCards(operation, drawing, writing));
    let notified = work.notified;
    while (notified < work.events.length) {
      const event = work.events[notified]!;
      if (!(await this.#cards.notifyRequester({ ...operation, state: event.to }, writing))) {
        break;
      }
      notified += 1;
    }
    return { redrawn, notified, approvalsPosted };
  };

  async #tellUntold(operation: StoredOperation, from: OperationState): Promise<void> {
    try {
      await tellChanges(this.#telling, operation.tenantId, operation.id, this.send);
    } catch (error) {
      this.#telling.logger.error(
        { err: error, operationId: operation.id, from, to: operation.state },
        'could not tell of a request change: the job tries again',
      );
    }
  }
}
