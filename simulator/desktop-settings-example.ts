/**
 * The desktop settings document the simulator serves on `GET /desktop-settings` unless
 * given another (issue 10 item 7): what a contact centre's central document typically
 * holds. It is plain JSON data, because the simulator may not import contract/ (layering)
 * and a packaged app carries only its bundle, not files beside it. The same document is
 * published as resources/desktop-settings.example.json for administrators
 * (`npm run settings:schema` writes it), and tests check that it validates.
 */

const callField = (field: string, header: string, width: number, more: Record<string, unknown> = {}) => ({
  field,
  header,
  width,
  alignment: 'left',
  numericOnly: false,
  editable: false,
  ...more,
});

/** CTI OS's callappearance.default.reg.txt: 18 columns (ctios.md §5.3). */
const CTI_OS_CALL_APPEARANCE = [
  callField('CallID', 'Call ID', 80),
  callField('CallStatus', 'Status', 90),
  callField('DNIS', 'DNIS', 110),
  callField('ANI', 'ANI', 110),
  callField('CED', 'CED', 90),
  callField('DialedNumber', 'Dialed Number', 110),
  callField('UserToUserInfo', 'User To User Info', 140, { maxChars: 129, editable: true }),
  callField('WrapUp', 'Wrap Up', 140, { maxChars: 40, editable: true }),
  ...Array.from({ length: 10 }, (_, i) => callField(`Var${i + 1}`, `Var ${i + 1}`, 90, { maxChars: 40, editable: true })),
];

const statistic = (name: string, header: string) => ({ field: 'Statistic', name, header, width: 110, alignment: 'right', numericOnly: true, editable: false });

export const EXAMPLE_DESKTOP_SETTINGS = {
  schemaVersion: 1,
  ecc: {
    // BAResponse: Outbound Option's ECC variables carry the prefix BA (ctios.md §5.3).
    scalars: ['CustomerID', 'AccountTier', 'BAResponse'],
    arrays: [{ name: 'OrderLines', size: 5 }],
  },
  grid: {
    callAppearance: [
      ...CTI_OS_CALL_APPEARANCE,
      callField('ECC', 'Customer ID', 110, { name: 'CustomerID', maxChars: 20, numericOnly: true, editable: true }),
      callField('ECC', 'Tier', 70, { name: 'AccountTier', alignment: 'center' }),
      callField('ECC', 'Campaign Response', 120, { name: 'BAResponse' }),
      callField('ECCArray', 'Latest Order', 120, { name: 'OrderLines[0]' }),
    ],
    agentStatistics: [
      statistic('CallsHandledToday', 'Handled'),
      statistic('AvgHandleTimeToday', 'Avg Handle'),
      statistic('HandledCallsAfterCallTimeToday', 'Wrap-up Time'),
      statistic('TimeNotReadyToday', 'Not Ready'),
    ],
    skillGroupStatistics: [
      // CTI OS requires SkillGroupNumber to stay the first column.
      statistic('SkillGroupNumber', 'Skill Group'),
      statistic('AgentsReady', 'Ready'),
      statistic('AgentsNotReady', 'Not Ready'),
      statistic('CallsQNow', 'Waiting'),
      statistic('LongestCallQNow', 'Longest Wait'),
      statistic('HandledCallsToday', 'Handled Today'),
    ],
  },
  connectionProfiles: [
    {
      name: 'Head office',
      sideA: { host: 'cti-a.contact-centre.example', port: 42027 },
      sideB: { host: 'cti-b.contact-centre.example', port: 43027 },
      peripheralId: 5000,
      protocolVersion: 24,
      heartbeatIntervalMs: 90_000,
      missedHeartbeatLimit: 3,
      idleTimeoutMs: 0,
      autoLogin: true,
      duplicateLogin: 'warn',
      loginFields: { identity: 'agentId', password: true, instrument: true, position: false, workMode: false },
      agentStatistics: true,
      skillGroupStatistics: true,
      silentMonitor: true,
    },
    {
      // The simulator's default ports, for training rooms.
      name: 'Training',
      sideA: { host: '127.0.0.1', port: 42027 },
      sideB: { host: '127.0.0.1', port: 43027 },
      peripheralId: 5000,
      duplicateLogin: 'reject',
      loginFields: { identity: 'loginName', password: true, instrument: true },
      skillGroupStatistics: false,
    },
  ],
  screen: { bringToFrontOnCall: true, flashOnCall: true, recordingEnabled: false, statisticsIntervalMs: 15_000 },
  sounds: { all: { mute: false }, ringIn: { mute: false }, dialTone: { mute: true }, dtmf: { mute: true }, originatingTone: { mute: false } },
  agent: {
    notReadyReasons: [
      { code: 1, text: 'Lunch' },
      { code: 2, text: 'Break' },
      { code: 3, text: 'Meeting' },
      { code: 4, text: 'Training' },
      { code: 5, text: 'Coaching session with the team supervisor' },
      { code: 6, text: 'After-call paperwork' },
    ],
    logoutReasons: [
      { code: 101, text: 'End of shift' },
      { code: 102, text: 'Lunch' },
      { code: 103, text: 'Meeting' },
      { code: 104, text: 'Training' },
      { code: 105, text: 'Technical problem' },
    ],
    notReadyReasonRequired: true,
    logoutReasonRequired: true,
    wrapupIncoming: ['Sale', 'Order enquiry', 'Complaint', 'Billing question', 'Technical support', 'Wrong number'],
    wrapupOutgoing: ['Callback completed', 'Left voicemail', 'No answer', 'Escalated to supervisor'],
    wrapupDialog: true,
    wrapupDataRequired: false,
    chatLevel: 'team-supervisors',
    supervisorChatLevel: 'unrestricted',
  },
  // The first team of the built-in centre (agents 1001… on instruments 3001…), for the transfer dialog.
  transferDirectory: [
    { agentId: '1001', name: 'Alex Morgan' },
    { agentId: '1002', name: 'Blake Chen' },
    { agentId: '1003', name: 'Casey Diaz' },
    { agentId: '1004', name: 'Dana Okafor' },
    { agentId: '1005', name: 'Eli Novak' },
    { agentId: '1006', name: 'Frankie Silva' },
  ],
  locked: ['/agent/notReadyReasonRequired', '/agent/logoutReasonRequired', '/screen/bringToFrontOnCall'],
};
