import { describe, expect, it } from 'vitest';
import {
  MESSAGES,
  decode,
  encode,
  messageIdOf,
  validate,
  type MessageDef,
  type MessageName,
} from '../../../ged188/index.js';
import { AGENT_MESSAGES } from '../../../ged188/layouts/agent.js';
import { CALL_CONTROL_MESSAGES } from '../../../ged188/layouts/call-control.js';
import { CALL_EVENT_MESSAGES } from '../../../ged188/layouts/call-events.js';
import { REPLY_MESSAGES } from '../../../ged188/layouts/replies.js';
import { SESSION_MESSAGES } from '../../../ged188/layouts/session.js';
import { SKILL_GROUP_STATISTICS_MESSAGES } from '../../../ged188/layouts/skill-group-statistics.js';
import { STATISTICS_MESSAGES } from '../../../ged188/layouts/statistics.js';
import { SUPERVISOR_MESSAGES } from '../../../ged188/layouts/supervisor.js';
import { TEAM_AND_SESSION_MESSAGES } from '../../../ged188/layouts/teams-and-sessions.js';
import { TAGS } from '../../../ged188/tags.js';
import { sizeOfFixed } from '../../../ged188/wire-types.js';
import { GUIDE_FIXED_BODY_BYTES } from '../../support/guide-fixed-sizes.js';
import { MESSAGE_NAMES, guideFrame, sampleMessage, seededRandom } from '../../support/guide-frames.js';
import { asDecoded } from '../../support/messages.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** 1-byte TLV headers (13–19), the switch to 2-byte (20), and today's versions. */
const VERSIONS = [13, 19, 20, 24, 25];

describe('message types newer than the session', () => {
  it('are refused by encode, naming the version they need', () => {
    expect(() => encode({ MessageType: 'ACTIVE_MAINTENANCE_REQ_MSG', InvokeID: 1 }, { version: 23 })).toThrow(
      /ACTIVE_MAINTENANCE_REQ_MSG: needs protocol version 24 or later \(session is 23\)/,
    );
  });
});

describe('the layout tables', () => {
  it('define each message once, with unique type numbers', () => {
    const tables = [
      SESSION_MESSAGES,
      AGENT_MESSAGES,
      CALL_EVENT_MESSAGES,
      CALL_CONTROL_MESSAGES,
      REPLY_MESSAGES,
      SUPERVISOR_MESSAGES,
      TEAM_AND_SESSION_MESSAGES,
      STATISTICS_MESSAGES,
      SKILL_GROUP_STATISTICS_MESSAGES,
    ];
    const names = tables.flatMap((table) => Object.keys(table));
    expect(names.length).toBe(new Set(names).size);
    const ids = Object.values(MESSAGES).map((def: MessageDef) => def.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it.each(Object.entries(GUIDE_FIXED_BODY_BYTES))('%s has the fixed body size the guide states (%i bytes, v24)', (name, bytes) => {
    const def: MessageDef | undefined = MESSAGES[name as MessageName];
    expect(def, `${name} has no layout`).toBeDefined();
    const size = def!.fixed.filter((f) => f.since === undefined || f.since <= 24).reduce((sum, f) => sum + sizeOfFixed(f.type), 0);
    expect(size).toBe(bytes);
  });

  it('use each tag at most once per message, with the type and size of the tag table', () => {
    for (const [name, def] of Object.entries(MESSAGES) as [string, MessageDef][]) {
      const tags = def.floating.map((f) => f.tag);
      expect(tags.length, name).toBe(new Set(tags).size);
      for (const field of def.floating) {
        const tag = TAGS.get(field.tag);
        expect(tag, `${name}.${field.name}: tag ${field.tag} is not in the tag table`).toBeDefined();
        // Tag 62 is UINT in some messages and INT in others (§3.2 "UINT/INT").
        if (tag?.type !== undefined && field.tag !== 62) expect(field.type, `${name}.${field.name}`).toBe(tag.type);
      }
    }
  });

  it('name every counter they refer to', () => {
    for (const [name, def] of Object.entries(MESSAGES) as [string, MessageDef][]) {
      const fieldNames = new Set([...def.fixed, ...def.floating].map((f) => f.name));
      for (const field of def.floating) {
        if (field.countedBy !== undefined) expect(fieldNames.has(field.countedBy), `${name}.${field.countedBy}`).toBe(true);
      }
    }
  });
});

describe('known answers: every message type, both wire formats', () => {
  for (const name of MESSAGE_NAMES) {
    const since = (MESSAGES[name] as MessageDef).since ?? 13;
    it.each(VERSIONS.filter((v) => v >= since))(`${name} at version %i: fields → guide bytes → the same fields`, (version) => {
      const random = seededRandom(messageIdOf(name) * 100 + version);
      const message = sampleMessage(name, random, { version, presence: 1, maxEntries: 2 });
      const expected = guideFrame(message, version);
      expect(hex(encode(message, { version }))).toBe(hex(expected));
      expect(decode(expected, { version })).toEqual(asDecoded(message));
      expect(validate(message)).toEqual([]);
    });
  }
});
