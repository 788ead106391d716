// The list of built-in actions: the only place that names them all, family
// by family (each family is one page of docs/actions/). Add one import and
// one entry in the family's list per action, then run `npm run docs:actions`.
import type { ActionDefinition } from './define.js';

// Flow and variables
import assign from './assign.js';
import begin from './begin.js';
import caseAction from './case.js';
import end from './end.js';
import forAction from './for.js';
import ifAction from './if.js';
import loop from './loop.js';
import returnAction from './return.js';
import runscript from './runscript.js';
import runsub from './runsub.js';
import snippet from './snippet.js';
import spawn from './spawn.js';
import wait from './wait.js';

// Personal Connection
import createProspectsV2 from './create-prospects-v2.js';
import createSource from './create-source.js';
import createSourceMap from './create-source-map.js';
import getProspect from './get-prospect.js';
import getQueue from './get-queue.js';
import getSkillInfo from './get-skill-info.js';
import getSourceMap from './get-source-map.js';
import removeProspects from './remove-prospects.js';

// IVR and call events
import capture from './capture.js';
import exit from './exit.js';
import hangup from './hangup.js';
import indicate from './indicate.js';
import menu from './menu.js';
import music from './music.js';
import onanswer from './onanswer.js';
import onhold from './onhold.js';
import onrelease from './onrelease.js';
import onsignal from './onsignal.js';
import play from './play.js';
import record from './record.js';
import signal from './signal.js';
import stop from './stop.js';
import ttsvoice from './ttsvoice.js';
import voiceparams from './voiceparams.js';

// CRM and agent
import agentWorkflowConfiguration from './agent-workflow-configuration.js';
import customevent from './customevent.js';
import restApi from './rest-api.js';
import workflowExecute from './workflow-execute.js';
import workflowdata from './workflowdata.js';

// Routing: hours, agents, queues, transfers, callbacks
import hours from './hours.js';
import blindxfer from './blindxfer.js';
import callback from './callback.js';
import commitment from './commitment.js';
import placecall from './placecall.js';
import querycallback from './querycallback.js';
import queuecallback from './queuecallback.js';
import reqagent from './reqagent.js';
import transfer from './transfer.js';

// Digital
import askcaller from './askcaller.js';
import reqagentDigital from './reqagent-digital.js';
import textmsg from './textmsg.js';
import updateDigitalContactStatus from './update-digital-contact-status.js';

export interface ActionFamily {
  /** The page name: docs/actions/<id>.md. */
  id: string;
  title: string;
  actions: readonly ActionDefinition[];
}

export const ACTION_FAMILIES: readonly ActionFamily[] = [
  {
    id: 'flow',
    title: 'Flow and variables',
    actions: [begin, end, returnAction, assign, snippet, ifAction, caseAction, loop, forAction, wait, runsub, runscript, spawn],
  },
  {
    id: 'personal-connection',
    title: 'Personal Connection',
    actions: [getQueue, getSkillInfo, createSource, createSourceMap, getSourceMap, createProspectsV2, getProspect, removeProspects],
  },
  {
    id: 'ivr',
    title: 'IVR: prompts, keys, calls and their events',
    actions: [play, music, menu, capture, record, hangup, stop, exit, voiceparams, ttsvoice, indicate, signal, onsignal, onanswer, onrelease, onhold],
  },
  {
    id: 'crm',
    title: 'CRM and agent',
    actions: [workflowExecute, agentWorkflowConfiguration, workflowdata, customevent, restApi],
  },
  {
    id: 'routing',
    title: 'Routing and hours',
    actions: [hours, reqagent, transfer, blindxfer, placecall, callback, queuecallback, querycallback, commitment],
  },
  {
    id: 'digital',
    title: 'Digital',
    actions: [textmsg, askcaller, reqagentDigital, updateDigitalContactStatus],
  },
];

export const BUILTIN_ACTIONS: readonly ActionDefinition[] = ACTION_FAMILIES.flatMap((f) => f.actions);
