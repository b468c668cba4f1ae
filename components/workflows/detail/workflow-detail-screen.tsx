"use client";
import Link from "next/link";
import { useRef, useState, type ReactNode } from "react";
import { errorMessage, isApiError } from "@/components/data/fetch-api";
import { PageHeader } from "@/components/layout/page-header";
import { ErrorAlert } from "@/components/ui/alert";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonBar } from "@/components/ui/skeleton";
import { toast, Toaster } from "@/components/ui/toast";
import { ActiveSwitch } from "../active-switch";
import type { WorkflowDetail } from "../workflow-types";
import { DefinitionEditor, type EditorHandle } from "./definition-editor";
import { WorkflowBuilder } from "../builder/workflow-builder";
import { useUnsavedChangesGuard } from "../builder/use-unsaved-changes-guard";
import type { NodeCatalog } from "@/lib/workflows/node-catalog-types";
import type { TriggerRequest } from "@/components/data/api-types";
import { useLastExecution } from "./use-last-execution";
import { WorkflowActions } from "./workflow-actions";
import { VersionsPanel } from "../versions/versions-panel";
import { RecentExecutions } from "./recent-executions";
import { DeliveriesPanel } from "./deliveries-panel";
import { sampleBodyFor } from "./template-sample";
import { TemplateLoader } from "./template-loader";
import { TestRequestPanel } from "./test-request-panel";
import { useDefinitionDraft } from "./use-definition-draft";
import { useSaveWorkflow, useWorkflow } from "./use-workflow";
import { WebhookSettings } from "./webhook-settings";

function Card({ title, actions, children, id }: { title: string; actions?: ReactNode; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-lg border border-gray-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-100 px-4 py-2.5">
        <h2 id={id} className="text-base font-semibold text-gray-900">
          {title}
        </h2>
        {actions}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function WorkflowDetailScreen({ id, catalog }: { id: string; catalog: NodeCatalog }) {
  const workflow = useWorkflow(id);
  if (workflow.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        <p className="sr-only" role="status">Loading workflow…</p>
        <SkeletonBar className="h-8 w-64" />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <SkeletonBar className="h-96 w-full rounded-lg" />
          <SkeletonBar className="h-96 w-full rounded-lg" />
        </div>
      </div>
    );
  }
  if (workflow.isError) {
    return (
      <div className="space-y-3">
        <ErrorAlert title={isApiError(workflow.error, 404) ? "Workflow not found" : "Could not load the workflow"}>{workflow.error.message}</ErrorAlert>
        <Link href="/workflows" className="text-sm font-medium text-blue-700 hover:underline">
          Back to workflows
        </Link>
      </div>
    );
  }
  return <WorkflowDetailLoaded workflow={workflow.data} catalog={catalog} />;
}

function WorkflowDetailLoaded({ workflow, catalog }: { workflow: WorkflowDetail; catalog: NodeCatalog }) {
  const draft = useDefinitionDraft(workflow);
  const save = useSaveWorkflow(workflow.id);
  const editor = useRef<EditorHandle>(null);
  const last = useLastExecution(workflow.id);
  // The test form starts from the last request seen when the page opened; later runs (its own
  // included) must not reset what is being typed, so the first settled answer is kept.
  const [prefill, setPrefill] = useState<{ request: TriggerRequest | null } | null>(null);
  if (prefill === null && last.settled) setPrefill({ request: last.execution?.trigger ?? null });
  useUnsavedChangesGuard(draft.dirty);
  const [sample, setSample] = useState(() => JSON.stringify(sampleBodyFor(workflow.nodes), null, 2));
  const webhookNodes = workflow.nodes.filter((n) => n.type === "webhook");
  const onSave = () => {
    if (draft.syntaxError) return;
    save.mutate(draft.value, {
      onSuccess: (saved) => {
        draft.onSaved(saved);
        toast.success("Definition saved", `Version ${saved.version} is live.`);
      },
      onError: (error) => {
        const line = draft.onSaveError(error).find((i) => i.line !== null)?.line;
        if (line) editor.current?.scrollToLine(line);
        toast.error("Definition not saved", isApiError(error, 400) && Array.isArray(error.details) ? "Fix the highlighted problems and save again." : errorMessage(error));
      },
    });
  };

  return (
    <>
      <PageHeader
        title={workflow.name}
        description={
          <span>
            <Link href="/workflows" className="text-blue-700 hover:underline">
              Workflows
            </Link>{" "}
            · version {workflow.version} · updated <RelativeTime iso={workflow.updatedAt} />
          </span>
        }
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <WorkflowActions workflow={workflow} />
            {workflow.archivedAt ? null : <ActiveSwitch workflow={workflow} />}
          </div>
        }
      />
      {workflow.archivedAt ? (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Archived <RelativeTime iso={workflow.archivedAt} />: its webhooks are removed and it takes no new versions. Its executions and versions stay readable below and in the history.
        </p>
      ) : null}
      <div className="space-y-6">
        <Card
          id="builder-heading"
          title="Workflow"
          actions={
            <TemplateLoader
              webhookPath={workflow.webhooks[0]?.path}
              onLoad={(text, body) => {
                draft.setText(text);
                setSample(JSON.stringify(body, null, 2));
                // A template brings its own sample request.
                setPrefill({ request: null });
              }}
            />
          }
        >
          <WorkflowBuilder
            workflowId={workflow.id}
            catalog={catalog}
            value={draft.value}
            syntaxError={draft.syntaxError !== null}
            issues={draft.issues}
            errorsByNode={draft.errorsByNode}
            dirty={draft.dirty}
            saving={save.isPending}
            canUndo={draft.canUndo}
            canRedo={draft.canRedo}
            onText={draft.setText}
            onUndo={draft.undo}
            onRedo={draft.redo}
            onSave={onSave}
            onRevert={draft.revert}
            sampleExecution={last.execution}
            jsonEditor={
              <DefinitionEditor
                ref={editor}
                text={draft.text}
                onChange={draft.setText}
                issues={draft.issues}
                syntaxError={draft.syntaxError}
                dirty={draft.dirty}
                saving={save.isPending}
                onSave={onSave}
                onRevert={draft.revert}
              />
            }
          />
        </Card>
        <div className="grid items-start gap-6 lg:grid-cols-3">
          <Card id="test-heading" title="Send test request">
            {prefill ? <TestRequestPanel key={sample} workflow={workflow} samplePayload={sample} lastRequest={prefill.request} /> : <SkeletonBar className="h-40 w-full" />}
          </Card>
          <Card id="webhooks-heading" title="Webhook settings">
            {webhookNodes.length === 0 ? (
              <p className="text-sm text-gray-600">No webhook node. Add one to the definition to get a URL.</p>
            ) : (
              <div className="space-y-6">
                {webhookNodes.map((node) => (
                  <div key={`${node.id}:${workflow.version}`}>
                    {webhookNodes.length > 1 ? <h3 className="mb-2 font-mono text-sm font-semibold text-gray-900">{node.id}</h3> : null}
                    <WebhookSettings workflow={workflow} node={node} editorDirty={draft.dirty} />
                  </div>
                ))}
              </div>
            )}
          </Card>
          <Card id="executions-heading" title="Recent executions">
            <RecentExecutions workflowId={workflow.id} />
          </Card>
          <Card id="versions-heading" title="Versions">
            <VersionsPanel workflow={workflow} />
          </Card>
        </div>
        <Card id="deliveries-heading" title="Deliveries">
          <DeliveriesPanel workflowId={workflow.id} />
        </Card>
      </div>
      <Toaster />
    </>
  );
}
