import { once } from 'node:events'
import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { finished } from 'node:stream/promises'

// A synthetic ESR staff list (the CSV an NHS trust's HR team exports from the Electronic Staff Record)
// at the scale of a whole integrated care board, for the staff-import benchmark: 80,000 people with
// about 86,000 assignments in 3,000 teams of 8 organisations, in the column layout of the default
// ESR mapping. It has what makes real exports awkward to import: second assignments, hierarchies 3 or
// 4 levels deep, supervisors who appear further down the file, rows in no particular order, shared
// and missing email addresses, names with apostrophes, hyphens and accents, values that need quoting.
//
// A variant (moversPercent, leaversPercent) is the same workforce a month later: some people have moved
// team and some have left. Everyone else's rows are byte-identical to the base file's, so an importer
// run on the base and then the variant should change exactly the movers and leavers.
//
// Everything is seeded: the same options give a byte-identical file. The people are held as a few typed
// arrays of indexes (a few bytes each); rows are built one at a time and streamed out in chunks.
//
//   tsx bench/synthetic-esr.ts /tmp/esr.csv                                 # 80,000 people
//   tsx bench/synthetic-esr.ts /tmp/esr-next.csv --movers 5 --leavers 1     # the same, a month later
//   tsx bench/synthetic-esr.ts /tmp/esr-small.csv --people 2000 --seed 7

export interface SyntheticEsrOptions {
  /** Default 80,000. */
  people?: number
  /** Default 3,000 at 80,000 people, in proportion at other sizes. */
  teams?: number
  /** Default 8 (fewer if there are fewer teams). */
  organisations?: number
  /** Default 1. */
  seed?: number
}

export interface SyntheticEsrVariant {
  /** Percentage of people whose primary assignment moves to another team of their organisation. */
  moversPercent?: number
  /** Percentage of people left out of the file. */
  leaversPercent?: number
}

export interface SyntheticEsrSummary {
  /** People in the file (leavers are not). */
  people: number
  /** Rows in the file, not counting the header. */
  assignments: number
  /** Teams and organisations that have rows in the file. */
  teams: number
  organisations: number
  movers: number
  leavers: number
  bytes: number
}

export const ESR_HEADER = [
  'Employee Number',
  'Assignment Number',
  'First Name',
  'Last Name',
  'Work Email Address',
  'Organisation Code',
  'Organisation Name',
  'Org L3',
  'Org L4',
  'Org L5',
  'Org L6',
  'Org L7',
  'Position Title',
  'Staff Group',
  'Job Role',
  'Primary Assignment',
  'Assignment Status',
  'Assignment Start Date',
  'Assignment End Date',
  'Supervisor Employee Number',
  'Supervisor Assignment Number',
] as const

/** Roles of people who manage others: every supervisor has one of these on their primary assignment. */
export const ESR_MANAGER_JOB_ROLES = ['Manager', 'Sister/Charge Nurse', 'Team Leader'] as const

// ---- Randomness -------------------------------------------------------------------------------------
// The same mulberry32 and FNV-1a as bench/synthetic-learning.ts, copied so that this generator does not
// load the app's database modules (that file imports them).

type Random = () => number

function seededRandom(seed: number): Random {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hashSeed(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

const below = (random: Random, n: number) => Math.floor(random() * n)
const pick = <T>(random: Random, list: readonly T[]): T => list[below(random, list.length)] as T

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  let total = 0
  for (const [, weight] of entries) total += weight
  let r = random() * total
  for (const [value, weight] of entries) {
    r -= weight
    if (r < 0) return value
  }
  return (entries[entries.length - 1] as readonly [T, number])[0]
}

function shuffle<T extends { length: number; [i: number]: number }>(random: Random, list: T): T {
  for (let i = list.length - 1; i > 0; i--) {
    const j = below(random, i + 1)
    const a = list[i] as number
    list[i] = list[j] as number
    list[j] = a
  }
  return list
}

/** Splits `total` into `parts` whole numbers of at least `min`, in proportion to `weights` (largest remainders). */
function split(total: number, weights: readonly number[], min: number): number[] {
  const parts = weights.length
  const floor = Math.min(min, Math.floor(total / parts))
  const spare = total - floor * parts
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * spare : spare / parts))
  const sizes = exact.map((x) => floor + Math.floor(x))
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0, left = total - sizes.reduce((a, b) => a + b, 0); left > 0; k++, left--) {
    const index = order[k % parts]?.[1] ?? 0
    sizes[index] = (sizes[index] ?? 0) + 1
  }
  return sizes
}

// ---- What ESR says about people -----------------------------------------------------------------------

interface Role {
  staffGroup: string
  jobRole: string
  /** `{spec}` becomes the directorate (specialty) of the assignment's team. */
  titles: readonly string[]
}

const NURSING = 'Nursing and Midwifery Registered'
const ACS = 'Additional Clinical Services'
const AHP = 'Allied Health Professionals'
const MEDICAL = 'Medical and Dental'
const ADMIN = 'Administrative and Clerical'
const ESTATES = 'Estates and Ancillary'
const APST = 'Additional Professional Scientific and Technical'
const SCIENTISTS = 'Healthcare Scientists'

const ROLES = {
  staffNurse: {
    staffGroup: NURSING,
    jobRole: 'Staff Nurse',
    titles: ['Staff Nurse', 'Registered Nurse', 'Senior Staff Nurse'],
  },
  communityNurse: { staffGroup: NURSING, jobRole: 'Staff Nurse', titles: ['Community Staff Nurse', 'District Nurse'] },
  midwife: { staffGroup: NURSING, jobRole: 'Midwife', titles: ['Midwife', 'Community Midwife'] },
  specialistNurse: {
    staffGroup: NURSING,
    jobRole: 'Nurse Specialist',
    titles: ['Clinical Nurse Specialist - {spec}', 'Advanced Nurse Practitioner'],
  },
  sister: {
    staffGroup: NURSING,
    jobRole: 'Sister/Charge Nurse',
    titles: ['Ward Sister', 'Charge Nurse', 'Ward Manager'],
  },
  clinicSister: {
    staffGroup: NURSING,
    jobRole: 'Sister/Charge Nurse',
    titles: ['Outpatient Sister', 'Clinic Manager'],
  },
  nurseLead: { staffGroup: NURSING, jobRole: 'Team Leader', titles: ['Lead Nurse - {spec}', 'Nursing Team Leader'] },
  hca: {
    staffGroup: ACS,
    jobRole: 'Healthcare Assistant',
    titles: ['Healthcare Assistant', 'Senior Healthcare Assistant'],
  },
  assistantPractitioner: { staffGroup: ACS, jobRole: 'Assistant Practitioner', titles: ['Assistant Practitioner'] },
  supportWorker: {
    staffGroup: ACS,
    jobRole: 'Support Worker',
    titles: ['Clinical Support Worker', 'Therapy Assistant'],
  },
  maternityAssistant: { staffGroup: ACS, jobRole: 'Healthcare Assistant', titles: ['Maternity Support Worker'] },
  physio: { staffGroup: AHP, jobRole: 'Physiotherapist', titles: ['Physiotherapist', 'Senior Physiotherapist'] },
  ot: { staffGroup: AHP, jobRole: 'Occupational Therapist', titles: ['Occupational Therapist'] },
  slt: { staffGroup: AHP, jobRole: 'Speech and Language Therapist', titles: ['Speech and Language Therapist'] },
  dietitian: { staffGroup: AHP, jobRole: 'Dietitian', titles: ['Dietitian', 'Specialist Dietitian'] },
  radiographer: { staffGroup: AHP, jobRole: 'Radiographer - Diagnostic', titles: ['Diagnostic Radiographer'] },
  therapyLead: { staffGroup: AHP, jobRole: 'Team Leader', titles: ['Therapy Team Leader', 'Clinical Lead Therapist'] },
  imagingManager: {
    staffGroup: AHP,
    jobRole: 'Manager',
    titles: ['Imaging Services Manager', 'Superintendent Radiographer'],
  },
  consultant: { staffGroup: MEDICAL, jobRole: 'Consultant', titles: ['Consultant in {spec}', 'Consultant'] },
  registrar: { staffGroup: MEDICAL, jobRole: 'Specialty Registrar', titles: ['Specialty Registrar in {spec}'] },
  foundation: { staffGroup: MEDICAL, jobRole: 'Foundation Year 2', titles: ['Foundation Doctor (FY2)'] },
  specialtyDoctor: { staffGroup: MEDICAL, jobRole: 'Specialty Doctor', titles: ['Specialty Doctor in {spec}'] },
  administrator: {
    staffGroup: ADMIN,
    jobRole: 'Administrator',
    titles: ['Administrator', 'Ward Clerk', 'Receptionist', 'Booking Clerk', 'Administrative Assistant'],
  },
  officer: {
    staffGroup: ADMIN,
    jobRole: 'Administrator',
    titles: ['Officer', 'Senior Officer', 'Analyst', 'Adviser', 'Coordinator', 'Assistant'],
  },
  secretary: { staffGroup: ADMIN, jobRole: 'Medical Secretary', titles: ['Medical Secretary', 'Secretary, {spec}'] },
  adminLead: { staffGroup: ADMIN, jobRole: 'Team Leader', titles: ['Admin Team Leader', 'Office Supervisor'] },
  officeManager: {
    staffGroup: ADMIN,
    jobRole: 'Manager',
    titles: ['Team Manager', 'Service Manager', 'Head of Service'],
  },
  porter: { staffGroup: ESTATES, jobRole: 'Porter', titles: ['Porter', 'Senior Porter'] },
  domestic: { staffGroup: ESTATES, jobRole: 'Domestic', titles: ['Domestic Assistant', 'Housekeeper'] },
  craftsperson: {
    staffGroup: ESTATES,
    jobRole: 'Maintenance Craftsperson',
    titles: ['Electrician', 'Plumber', 'Estates Technician'],
  },
  catering: { staffGroup: ESTATES, jobRole: 'Catering Assistant', titles: ['Catering Assistant', 'Cook'] },
  estatesLead: {
    staffGroup: ESTATES,
    jobRole: 'Team Leader',
    titles: ['Portering Team Leader', 'Domestic Supervisor'],
  },
  pharmacist: { staffGroup: APST, jobRole: 'Pharmacist', titles: ['Pharmacist', 'Specialist Pharmacist'] },
  pharmacyTech: { staffGroup: APST, jobRole: 'Pharmacy Technician', titles: ['Pharmacy Technician'] },
  pharmacyManager: { staffGroup: APST, jobRole: 'Manager', titles: ['Pharmacy Operations Manager'] },
  psychologist: { staffGroup: APST, jobRole: 'Clinical Psychologist', titles: ['Clinical Psychologist'] },
  scientist: {
    staffGroup: SCIENTISTS,
    jobRole: 'Healthcare Scientist',
    titles: ['Biomedical Scientist', 'Clinical Scientist'],
  },
  sciencePractitioner: {
    staffGroup: SCIENTISTS,
    jobRole: 'Healthcare Science Practitioner',
    titles: ['Cardiac Physiologist', 'Associate Practitioner'],
  },
  scienceAssistant: {
    staffGroup: SCIENTISTS,
    jobRole: 'Healthcare Science Assistant',
    titles: ['Medical Laboratory Assistant'],
  },
  labManager: { staffGroup: SCIENTISTS, jobRole: 'Manager', titles: ['Laboratory Manager', 'Head of Department'] },
  // Above team level: a directorate's, a division's and the organisation's managers.
  directorateManager: {
    staffGroup: ADMIN,
    jobRole: 'Manager',
    titles: ['Directorate Manager', 'General Manager - {spec}'],
  },
  divisionalDirector: {
    staffGroup: ADMIN,
    jobRole: 'Manager',
    titles: ['Divisional Director of Operations', 'Divisional General Manager'],
  },
  chiefExecutive: { staffGroup: ADMIN, jobRole: 'Manager', titles: ['Chief Executive'] },
} satisfies Record<string, Role>

type RoleId = keyof typeof ROLES
const ROLE_IDS = Object.keys(ROLES) as RoleId[]
const ROLE_LIST: Role[] = ROLE_IDS.map((id) => ROLES[id])
const roleIndex = (id: RoleId) => ROLE_IDS.indexOf(id)

/** A kind of team: who works there, who manages it, how big it is, and its group when an organisation has one more level. */
interface TeamKind {
  mix: readonly (readonly [RoleId, number])[]
  manager: RoleId | null
  managerChance: number
  /** People beyond the smallest team's five, before scaling to the number of people asked for. */
  extra: readonly [number, number]
  group: string
}

const KINDS = {
  ward: {
    mix: [
      ['staffNurse', 42],
      ['hca', 36],
      ['assistantPractitioner', 5],
      ['administrator', 5],
      ['domestic', 5],
      ['specialistNurse', 3],
    ],
    manager: 'sister',
    managerChance: 1,
    extra: [18, 42],
    group: 'Inpatient Services',
  },
  maternity: {
    mix: [
      ['midwife', 60],
      ['maternityAssistant', 25],
      ['staffNurse', 5],
      ['administrator', 10],
    ],
    manager: 'sister',
    managerChance: 1,
    extra: [15, 45],
    group: 'Maternity Services',
  },
  outpatients: {
    mix: [
      ['staffNurse', 30],
      ['hca', 30],
      ['administrator', 30],
      ['secretary', 10],
    ],
    manager: 'clinicSister',
    managerChance: 0.9,
    extra: [4, 20],
    group: 'Outpatient Services',
  },
  clinic: {
    mix: [
      ['staffNurse', 35],
      ['hca', 25],
      ['administrator', 20],
      ['specialistNurse', 20],
    ],
    manager: 'clinicSister',
    managerChance: 0.85,
    extra: [0, 10],
    group: 'Outpatient Services',
  },
  nurses: {
    mix: [
      ['specialistNurse', 75],
      ['staffNurse', 15],
      ['administrator', 10],
    ],
    manager: 'nurseLead',
    managerChance: 0.9,
    extra: [0, 10],
    group: 'Clinical Services',
  },
  medical: {
    mix: [
      ['consultant', 35],
      ['registrar', 30],
      ['foundation', 20],
      ['specialtyDoctor', 15],
    ],
    // Doctors report to the directorate (a clinical director), not to someone in their own team.
    manager: null,
    managerChance: 0,
    extra: [5, 35],
    group: 'Medical Staffing',
  },
  admin: {
    mix: [
      ['secretary', 50],
      ['administrator', 45],
      ['officer', 5],
    ],
    manager: 'adminLead',
    managerChance: 0.9,
    extra: [1, 15],
    group: 'Management and Administration',
  },
  therapy: {
    mix: [
      ['physio', 35],
      ['ot', 30],
      ['slt', 8],
      ['dietitian', 10],
      ['supportWorker', 17],
    ],
    manager: 'therapyLead',
    managerChance: 0.9,
    extra: [5, 32],
    group: 'Therapy Services',
  },
  lab: {
    mix: [
      ['scientist', 50],
      ['sciencePractitioner', 20],
      ['scienceAssistant', 25],
      ['administrator', 5],
    ],
    manager: 'labManager',
    managerChance: 0.95,
    extra: [6, 30],
    group: 'Laboratory Services',
  },
  imaging: {
    mix: [
      ['radiographer', 60],
      ['hca', 20],
      ['administrator', 20],
    ],
    manager: 'imagingManager',
    managerChance: 0.95,
    extra: [6, 35],
    group: 'Imaging Services',
  },
  pharmacy: {
    mix: [
      ['pharmacist', 40],
      ['pharmacyTech', 45],
      ['administrator', 15],
    ],
    manager: 'pharmacyManager',
    managerChance: 0.95,
    extra: [5, 30],
    group: 'Pharmacy Services',
  },
  community: {
    mix: [
      ['communityNurse', 50],
      ['hca', 20],
      ['specialistNurse', 10],
      ['psychologist', 5],
      ['administrator', 15],
    ],
    manager: 'nurseLead',
    managerChance: 0.9,
    extra: [6, 30],
    group: 'Community Teams',
  },
  office: {
    mix: [
      ['officer', 65],
      ['administrator', 35],
    ],
    manager: 'officeManager',
    managerChance: 0.9,
    extra: [0, 25],
    group: 'Services',
  },
  estates: {
    mix: [
      ['porter', 40],
      ['domestic', 45],
      ['craftsperson', 10],
      ['catering', 5],
    ],
    manager: 'estatesLead',
    managerChance: 1,
    extra: [15, 60],
    group: 'Operations',
  },
} satisfies Record<string, TeamKind>

type KindId = keyof typeof KINDS
const KIND_IDS = Object.keys(KINDS) as KindId[]

const KIND_MIXES: (readonly [number, number])[][] = KIND_IDS.map((kind) =>
  KINDS[kind].mix.map(([role, weight]) => [roleIndex(role), weight] as const),
)

const staffRole = (random: Random, kind: number): number => weighted(random, KIND_MIXES[kind] ?? [])

// ---- Organisations and their structure ---------------------------------------------------------------

const ORGANISATIONS = [
  ['RXA', 'Fylde Teaching Hospitals NHS Foundation Trust (synthetic)'],
  ['RXF', 'Wyre and Bowland Community Health NHS Trust (synthetic)'],
  ['RW8', 'Ribble Valley Hospitals NHS Trust (synthetic)'],
  ['RTQ', 'Morecambe Bay and Lune Valley Hospitals NHS Foundation Trust (synthetic)'],
  ['REJ', 'Pendle, Calder and Hyndburn Care NHS Foundation Trust (synthetic)'],
  ['RZK', 'Furness General Hospitals NHS Trust (synthetic)'],
  ['RY3', 'Rossendale Community and Mental Health NHS Trust (synthetic)'],
  ['RVB', 'Eden and Kent Valley Hospitals NHS Foundation Trust (synthetic)'],
] as const

const SITES = [
  'Victoria Hospital',
  'Royal Infirmary',
  'General Hospital',
  'Community Hospital',
  'Memorial Hospital',
  'Health Village',
  'Infirmary',
  'Medical Centre',
]

const LOCALITIES = [
  'Fylde Coast',
  'Wyre',
  'Lancaster',
  'Preston North',
  'Preston South',
  'Chorley',
  'Burnley',
  'Pendle',
  'Barrow',
  'Kendal',
  'Ribble Valley',
  'Rossendale',
  'Hyndburn',
  'West Lancashire',
  'Morecambe',
  'Garstang',
]

const WARD_NAMES = [
  'Bluebell Ward',
  'Rowan Ward',
  'Oak Ward',
  'Willow Ward',
  'Heather Ward',
  'Lavender Ward',
  'Cedar Ward',
  'Maple Ward',
  'Primrose Ward',
  'Hazel Ward',
  'Juniper Ward',
  'Foxglove Ward',
  'Ash Ward',
  'Birch Ward',
  'Elm Ward',
  'Holly Ward',
  'Poppy Ward',
  'Snowdrop Ward',
  'Acute Medical Unit',
  'Coronary Care Unit',
  'Discharge Lounge',
  'The "Lighthouse" Unit',
  "Children's Ward",
  'Ward 3, Day Case Unit',
]

interface DivisionSpec {
  name: string
  weight: number
  kinds: readonly (readonly [KindId, number])[]
  /** Directorates (Org L4): the first `fixed` always exist, the rest are drawn as the division needs them. */
  directorates: readonly string[]
  fixed?: number
  /** Kinds of team for particular directorates, instead of the division's. */
  directorateKinds?: Record<string, readonly (readonly [KindId, number])[]>
  /** Team names for particular directorates (office and estates teams are named by function). */
  teamNames?: Record<string, readonly string[]>
  /** Whether each directorate of three teams or more has an office (where its manager sits). */
  offices?: boolean
}

const CLINICAL_KINDS = [
  ['ward', 34],
  ['outpatients', 10],
  ['clinic', 12],
  ['nurses', 10],
  ['medical', 14],
  ['admin', 12],
  ['therapy', 8],
] as const

// In order of priority: an organisation with few teams has only the first few divisions.
const DIVISIONS: readonly DivisionSpec[] = [
  {
    name: 'Medicine Division',
    weight: 30,
    kinds: CLINICAL_KINDS,
    offices: true,
    directorates: [
      'Acute Medicine',
      'Cardiology',
      'Respiratory Medicine',
      'Gastroenterology',
      'Elderly Care',
      'Diabetes and Endocrinology',
      'Neurology',
      'Renal Medicine',
      'Stroke Services',
      'Dermatology',
      'Rheumatology',
      'Haematology',
      'Oncology',
      'Emergency Medicine',
    ],
  },
  {
    name: 'Surgery Division',
    weight: 24,
    kinds: CLINICAL_KINDS,
    offices: true,
    directorates: [
      'General Surgery',
      'Trauma and Orthopaedics',
      'Urology',
      'Ophthalmology',
      'Ear, Nose and Throat',
      'Vascular Surgery',
      'Anaesthetics',
      'Theatres',
      'Critical Care',
      'Plastic Surgery',
      'Oral and Maxillofacial Surgery',
      'Breast Surgery',
    ],
  },
  {
    name: 'Corporate Services',
    weight: 14,
    kinds: [['office', 1]],
    // The organisation's chief executive sits in the Executive Office; estates teams are large.
    fixed: 2,
    directorates: [
      'Executive Office',
      'Estates and Facilities',
      'Finance',
      'Workforce and Organisational Development',
      'Digital Services',
      'Nursing Directorate',
      'Governance',
      'Procurement',
    ],
    directorateKinds: { 'Estates and Facilities': [['estates', 1]] },
    teamNames: {
      'Executive Office': ['Board Office', "Chief Executive's Office", 'Communications', 'Strategy and Planning'],
      'Estates and Facilities': [
        'Portering',
        'Domestic Services',
        'Catering',
        'Estates Maintenance',
        'Security',
        'Linen Services',
      ],
      Finance: ['Payroll', 'Financial Accounts', 'Management Accounts', 'Accounts Payable', 'Costing'],
      'Workforce and Organisational Development': [
        'Recruitment',
        'Medical Staffing',
        'Occupational Health',
        'Learning and Development',
        'Employee Relations',
        'Workforce Information',
      ],
      'Digital Services': [
        'IT Service Desk',
        'Clinical Systems',
        'Infrastructure',
        'Information Governance',
        'Business Intelligence',
      ],
      'Nursing Directorate': [
        'Safeguarding',
        'Infection Prevention and Control',
        'Patient Experience',
        'Tissue Viability',
        'Practice Education',
      ],
      Governance: ['Risk Management', 'Complaints', 'Legal Services', 'Clinical Audit'],
      Procurement: ['Purchasing', 'Supplies', 'Contracts'],
    },
  },
  {
    name: 'Diagnostics and Clinical Support',
    weight: 12,
    kinds: [['lab', 1]],
    directorates: ['Pathology', 'Radiology', 'Pharmacy', 'Therapies', 'Cardiac Physiology', 'Medical Physics'],
    directorateKinds: {
      Radiology: [['imaging', 1]],
      Pharmacy: [['pharmacy', 1]],
      Therapies: [['therapy', 1]],
    },
    teamNames: {
      Pathology: ['Blood Sciences', 'Microbiology', 'Cellular Pathology', 'Blood Transfusion', 'Phlebotomy'],
      Radiology: [
        'CT Scanning',
        'MRI',
        'Ultrasound',
        'Plain Film X-Ray',
        'Interventional Radiology',
        'Nuclear Medicine',
      ],
      Pharmacy: ['Dispensary', 'Aseptic Unit', 'Clinical Pharmacy', 'Medicines Information'],
      Therapies: [
        'Physiotherapy',
        'Occupational Therapy',
        'Speech and Language Therapy',
        'Dietetics',
        'Musculoskeletal Physiotherapy',
      ],
    },
  },
  {
    name: 'Community Services',
    weight: 10,
    offices: true,
    kinds: [
      ['community', 70],
      ['therapy', 20],
      ['clinic', 10],
    ],
    directorates: [
      'District Nursing',
      'Community Therapies',
      'Intermediate Care',
      'Community Paediatrics',
      'Podiatry',
      'Sexual Health',
      'Mental Health Liaison',
    ],
  },
  {
    name: "Women's and Children's Division",
    weight: 10,
    offices: true,
    kinds: [
      ['ward', 30],
      ['outpatients', 15],
      ['clinic', 15],
      ['medical', 15],
      ['nurses', 10],
      ['admin', 15],
    ],
    directorates: ['Obstetrics', 'Midwifery', 'Gynaecology', 'Paediatrics', 'Neonatal Services'],
    directorateKinds: {
      Midwifery: [
        ['maternity', 80],
        ['clinic', 20],
      ],
    },
  },
]

interface Team {
  org: number
  division: number
  directorate: number
  kind: number
  name: string
  /** The team's columns Org L3 to Org L7, quoted for CSV. */
  columns: string
  /** The local part of its shared office mailbox. */
  mailbox: string
}

interface Workforce {
  seed: number
  /** teams: the organisation's teams are the indexes from the first up to (not including) the second. */
  orgs: { code: string; name: string; teams: [number, number] }[]
  divisions: { org: number; name: string }[]
  directorates: { division: number; name: string }[]
  teams: Team[]
  // Who manages each unit (a person index), or -1.
  teamManager: Int32Array
  directorateManager: Int32Array
  divisionManager: Int32Array
  orgManager: Int32Array
  // People, by index: each a handful of small numbers.
  team: Int32Array
  role: Uint8Array
  /** 0 staff, 1 manages a team, 2 a directorate, 3 a division, 4 the organisation. */
  level: Uint8Array
  secondTeam: Int32Array
  secondRole: Uint8Array
  firstName: Uint16Array
  lastName: Uint16Array
  /** 0 their own address, 1 their team's shared mailbox, 2 none. */
  emailKind: Uint8Array
  /** n for first.last.n@nhs.net: how many earlier people share the name. */
  emailNumber: Uint16Array
  employeeOffset: number
}

const FIRST_NAMES = [
  'Aisha',
  'Adaeze',
  'Agnieszka',
  'Ahmed',
  'Aoife',
  'Amir',
  'Andrei',
  'Anna',
  'Ben',
  'Bethan',
  'Callum',
  'Catherine',
  'Chen',
  'Chidi',
  'Chloe',
  'Ciarán',
  'Daniel',
  'Deborah',
  'Deepak',
  'Dylan',
  'Efua',
  'Eilidh',
  'Elena',
  'Ella',
  'Emeka',
  'Emma',
  'Farah',
  'Fatima',
  'Fiona',
  'Gareth',
  'George',
  'Grace',
  'Gurpreet',
  'Hannah',
  'Harpreet',
  'Imran',
  'Ioana',
  'Isla',
  'Jack',
  'Jane',
  'Jean-Paul',
  'José',
  'Joanne',
  'Karen',
  'Katie',
  'Kwame',
  'Krzysztof',
  'Lakshmi',
  'Liam',
  'Lucy',
  // A known-as name in quotes, as some HR systems record them.
  'Margaret "Peggy"',
  'Maria',
  'Marta',
  'Mary-Jane',
  'Megan',
  'Mei',
  'Mohammed',
  'Nadia',
  'Niamh',
  'Noah',
  'Oliver',
  'Olivia',
  'Oluwaseun',
  'Owen',
  'Paul',
  'Priya',
  'Rachel',
  'Rajesh',
  'Ravi',
  'Rhys',
  'Rebecca',
  'Renée',
  'Rohan',
  'Ruth',
  'Sarah',
  'Seán',
  'Shabnam',
  'Siân',
  'Simon',
  'Sinéad',
  'Sophie',
  'Stephen',
  'Sunita',
  'Thomas',
  'Tomasz',
  'Usha',
  'Victoria',
  'Wei',
  'William',
  'Yasmin',
  'Yusuf',
  'Zainab',
  'Zoë',
]

const LAST_NAMES = [
  'Adeyemi',
  'Ahmed',
  'Akhtar',
  'Ali',
  'Anderson',
  'Begum',
  'Bennett',
  'Brown',
  'Campbell',
  'Chowdhury',
  'Clarke',
  'Cooper',
  "D'Souza",
  'Davies',
  'Edwards',
  'Evans',
  'Fernandes',
  'Fletcher',
  'García',
  'Green',
  'Gupta',
  'Hall',
  'Harrison',
  'Hughes',
  'Hughes-Davies',
  'Hussain',
  'Iqbal',
  'Jackson',
  'James',
  'Jones',
  'Kaur',
  'Khan',
  'Kowalski',
  'Lewis',
  'Li',
  'MacDonald',
  'Martin',
  'McCarthy',
  'Mensah',
  'Mistry',
  'Mohamed',
  'Morris',
  'Müller',
  'Nguyen',
  'Nowak',
  "O'Brien",
  "O'Neil",
  'Okafor',
  'Owusu',
  'Parker',
  'Patel',
  'Phillips',
  'Popescu',
  'Quinn',
  'Rahman',
  'Roberts',
  'Robinson',
  'Santos',
  'Shah',
  'Sharma',
  'Singh',
  'Smith',
  'Smith-Jones',
  'Taylor',
  'Thomas',
  'Thompson',
  'Turner',
  'Walker',
  'Wang',
  'White',
  'Williams',
  'Wilson',
  'Wiśniewski',
  'Wood',
  'Wright',
  'Young',
]

/** The name as it goes into an email address: lower case, no accents, apostrophes, spaces or known-as names. */
const emailPart = (name: string) =>
  name
    .replace(/\s*".*"/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '')

// Two spellings that give the same address (Zoe, Zoë) count as one name when numbering addresses.
const canonical = (names: readonly string[]) => {
  const parts = names.map(emailPart)
  return parts.map((part) => parts.indexOf(part))
}
const FIRST_CANONICAL = canonical(FIRST_NAMES)
const LAST_CANONICAL = canonical(LAST_NAMES)

/** A slug for a mailbox: "Ward 7" → "ward7". */
const slug = (text: string) => emailPart(text.replace(/[^\p{L}\p{N}]/gu, ''))

function csv(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

// ---- Building the workforce ---------------------------------------------------------------------------

function settle(options: SyntheticEsrOptions = {}) {
  const people = options.people ?? 80_000
  const teams = options.teams ?? Math.max(1, Math.round((people * 3000) / 80_000))
  const organisations = options.organisations ?? Math.min(8, teams)
  const seed = options.seed ?? 1
  for (const [name, value] of Object.entries({ people, teams, organisations, seed })) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`synthetic ESR: ${name} must be a whole number`)
  }
  if (!(organisations >= 1 && teams >= organisations && people >= teams)) {
    throw new RangeError(
      `synthetic ESR: need people ≥ teams ≥ organisations ≥ 1 (got ${people}, ${teams}, ${organisations})`,
    )
  }
  if (people > 10_000_000) throw new RangeError('synthetic ESR: at most 10 million people')
  return { people, teams, organisations, seed }
}

function organisationOf(o: number): { code: string; name: string } {
  const known = ORGANISATIONS[o]
  if (known) return { code: known[0], name: known[1] }
  // Beyond the eight named trusts: three characters like ESR's, but starting with S so as not to clash.
  const code = `S${(o + 36).toString(36).toUpperCase().padStart(2, '0').slice(-2)}`
  return { code, name: `Synthetic NHS Trust ${o + 1} (synthetic)` }
}

function buildWorkforce(options: SyntheticEsrOptions): Workforce {
  const { people, teams: teamCount, organisations, seed } = settle(options)
  const random = seededRandom(hashSeed(`esr:${seed}`))

  const orgs: Workforce['orgs'] = []
  const divisions: Workforce['divisions'] = []
  const directorates: Workforce['directorates'] = []
  const teams: Team[] = []

  const teamsPerOrg = split(
    teamCount,
    Array.from({ length: organisations }, () => 0.6 + random() * 0.8),
    1,
  )
  for (let o = 0; o < organisations; o++) {
    const { code, name } = organisationOf(o)
    // A few organisations put their teams one level further down (Org L6), under a service (Org L5).
    const deep = o % 4 === 1
    const first = teams.length
    const orgTeams = teamsPerOrg[o] ?? 1
    const used = new Set<string>()
    const sites = shuffle(
      random,
      SITES.map((_, i) => i),
    ).slice(0, 2 + below(random, 2))
    const siteNames = sites.map((i) => SITES[i] as string)
    const localities = shuffle(
      random,
      LOCALITIES.map((_, i) => i),
    ).map((i) => LOCALITIES[i] as string)
    const wardNames = shuffle(
      random,
      WARD_NAMES.map((_, i) => i),
    ).map((i) => WARD_NAMES[i] as string)
    let nextWard = 1 + below(random, 5)
    const unique = (candidates: readonly string[]): string => {
      for (const candidate of candidates) if (!used.has(candidate)) return candidate
      for (const site of siteNames)
        for (const candidate of candidates) if (!used.has(`${candidate} - ${site}`)) return `${candidate} - ${site}`
      const base = candidates[0] ?? 'Team'
      for (let n = 2; ; n++) if (!used.has(`${base} ${n}`)) return `${base} ${n}`
    }
    const teamName = (kind: KindId, division: DivisionSpec, directorate: string, index: number): string => {
      const named = division.teamNames?.[directorate]
      if (named) return unique([named[index % named.length] as string, ...named])
      switch (kind) {
        case 'ward':
        case 'maternity':
          // Mostly numbered wards, some with names; both unique across the organisation.
          if (random() < 0.35 && wardNames.length > 0) return unique([wardNames.shift() as string])
          return unique([`Ward ${nextWard++}`])
        case 'outpatients':
          return unique([`${directorate} Outpatients`])
        case 'clinic':
          return unique([`${directorate} Clinic`])
        case 'nurses':
          return unique([`${directorate} Specialist Nurses`])
        case 'medical':
          return unique([`${directorate} Medical Staff`])
        case 'admin':
          return unique([`${directorate} Administration`, `${directorate} Secretaries`])
        case 'therapy':
          return unique([`${directorate} Therapy Team`])
        case 'community':
          return unique(localities.map((locality) => `${directorate} - ${locality}`))
        default:
          return unique([`${directorate} Team`])
      }
    }

    const divisionCount = Math.max(1, Math.min(DIVISIONS.length, Math.floor(orgTeams / 4)))
    const specs = DIVISIONS.slice(0, divisionCount)
    const teamsPerDivision = split(
      orgTeams,
      specs.map((spec) => spec.weight * (0.7 + random() * 0.6)),
      1,
    )
    specs.forEach((spec, s) => {
      const divisionIndex = divisions.length
      divisions.push({ org: o, name: spec.name })
      const divisionTeams = teamsPerDivision[s] ?? 1
      const fixed = spec.fixed ?? 0
      const wanted = Math.max(1, Math.min(spec.directorates.length, Math.round(divisionTeams / 8)))
      const drawn = shuffle(
        random,
        spec.directorates.slice(fixed).map((_, i) => i + fixed),
      )
      const chosen = [...spec.directorates.slice(0, fixed).map((_, i) => i), ...drawn].slice(0, wanted)
      const teamsPerDirectorate = split(
        divisionTeams,
        chosen.map(() => 0.5 + random()),
        1,
      )
      chosen.forEach((d, c) => {
        const directorateName = spec.directorates[d] as string
        const directorateIndex = directorates.length
        directorates.push({ division: divisionIndex, name: directorateName })
        const kinds = spec.directorateKinds?.[directorateName] ?? spec.kinds
        const count = teamsPerDirectorate[c] ?? 1
        for (let i = 0; i < count; i++) {
          // A clinical directorate of three teams or more has an office, where its manager sits.
          const kind: KindId = i === 0 && count >= 3 && spec.offices ? 'admin' : weighted(random, kinds)
          const name = teamName(kind, spec, directorateName, i)
          used.add(name)
          const levels = deep
            ? [spec.name, directorateName, `${directorateName} ${KINDS[kind].group}`, name, '']
            : [spec.name, directorateName, name, '', '']
          teams.push({
            org: o,
            division: divisionIndex,
            directorate: directorateIndex,
            kind: KIND_IDS.indexOf(kind),
            name,
            columns: levels.map(csv).join(','),
            mailbox: `${code.toLowerCase()}.${slug(name)}.office`,
          })
        }
      })
    })
    orgs.push({ code, name, teams: [first, teams.length] })
  }

  // Team sizes: from five to about a hundred, depending on the kind of team (estates and wards are the big ones).
  const smallest = Math.min(5, Math.floor(people / teamCount))
  const sizes = split(
    people,
    teams.map((team) => {
      const [low, high] = KINDS[KIND_IDS[team.kind] as KindId].extra
      return low + (high - low) * random() * random() + 0.01
    }),
    smallest,
  )

  const team = new Int32Array(people)
  const role = new Uint8Array(people)
  const level = new Uint8Array(people)
  const secondTeam = new Int32Array(people).fill(-1)
  const secondRole = new Uint8Array(people)
  const firstName = new Uint16Array(people)
  const lastName = new Uint16Array(people)
  const emailKind = new Uint8Array(people)
  const emailNumber = new Uint16Array(people)
  const teamManager = new Int32Array(teams.length).fill(-1)
  const directorateManager = new Int32Array(directorates.length).fill(-1)
  const divisionManager = new Int32Array(divisions.length).fill(-1)
  const orgManager = new Int32Array(orgs.length).fill(-1)
  const teamStart = new Int32Array(teams.length + 1)

  let p = 0
  teams.forEach((unit, t) => {
    teamStart[t] = p
    const kind = KINDS[KIND_IDS[unit.kind] as KindId] as TeamKind
    const size = sizes[t] ?? 0
    const managed = kind.manager !== null && size >= 2 && random() < kind.managerChance
    for (let i = 0; i < size; i++, p++) {
      team[p] = t
      if (i === 0 && managed && kind.manager) {
        role[p] = roleIndex(kind.manager)
        level[p] = 1
        teamManager[t] = p
      } else {
        role[p] = staffRole(random, unit.kind)
      }
      firstName[p] = below(random, FIRST_NAMES.length)
      lastName[p] = below(random, LAST_NAMES.length)
    }
  })
  teamStart[teams.length] = p

  // Managers above team level: someone on the staff of the unit's first team, promoted.
  const promote = (firstTeam: number, lastTeam: number, roleId: RoleId, newLevel: number): number => {
    for (let t = firstTeam; t < lastTeam; t++) {
      for (let q = teamStart[t] as number; q < (teamStart[t + 1] as number); q++) {
        if (level[q] !== 0) continue
        role[q] = roleIndex(roleId)
        level[q] = newLevel
        return q
      }
    }
    return -1
  }
  const teamRange = (belongs: (unit: Team) => boolean): [number, number] => {
    let from = -1
    let to = -1
    teams.forEach((unit, t) => {
      if (!belongs(unit)) return
      if (from < 0) from = t
      to = t + 1
    })
    return [from, to]
  }
  orgs.forEach((org, o) => {
    const [from, to] = teamRange(
      (unit) => unit.org === o && (directorates[unit.directorate] as { name: string }).name === 'Executive Office',
    )
    orgManager[o] =
      from >= 0 ? promote(from, to, 'chiefExecutive', 4) : promote(org.teams[0], org.teams[1], 'chiefExecutive', 4)
  })
  divisions.forEach((_, v) => {
    const [from, to] = teamRange((unit) => unit.division === v)
    divisionManager[v] = promote(from, to, 'divisionalDirector', 3)
  })
  directorates.forEach((_, d) => {
    const [from, to] = teamRange((unit) => unit.directorate === d)
    directorateManager[d] = promote(from, to, 'directorateManager', 2)
  })

  // Second assignments: about one person in thirteen, mostly in another team of the same organisation.
  for (let q = 0; q < people; q++) {
    // Senior managers have one post; everyone else may have two.
    if (random() >= 0.075 || (level[q] as number) > 1) continue
    const own = team[q] as number
    const [from, to] = (orgs[(teams[own] as Team).org] as Workforce['orgs'][number]).teams
    let other = own
    if (to - from > 1 && random() < 0.9) {
      while (other === own) other = from + below(random, to - from)
    }
    secondTeam[q] = other
    secondRole[q] = staffRole(random, (teams[other] as Team).kind)
  }

  // Email: a team's office mailbox for two of its staff now and then, and a few people with none.
  teams.forEach((_, t) => {
    const from = teamStart[t] as number
    const staff: number[] = []
    for (let q = from; q < (teamStart[t + 1] as number); q++) if (level[q] === 0) staff.push(q)
    if (staff.length >= 4 && random() < 0.14) {
      shuffle(random, staff)
      emailKind[staff[0] as number] = 1
      emailKind[staff[1] as number] = 1
    }
  })
  const seen = new Uint16Array(FIRST_NAMES.length * LAST_NAMES.length)
  for (let q = 0; q < people; q++) {
    if (emailKind[q] === 0 && random() < 0.005) emailKind[q] = 2
    if (emailKind[q] !== 0) continue
    const key =
      (FIRST_CANONICAL[firstName[q] as number] as number) * LAST_NAMES.length +
      (LAST_CANONICAL[lastName[q] as number] as number)
    const n = (seen[key] as number) + 1
    seen[key] = n
    emailNumber[q] = n
  }

  return {
    seed,
    orgs,
    divisions,
    directorates,
    teams,
    teamManager,
    directorateManager,
    divisionManager,
    orgManager,
    team,
    role,
    level,
    secondTeam,
    secondRole,
    firstName,
    lastName,
    emailKind,
    emailNumber,
    employeeOffset: hashSeed(`esr-employee:${seed}`) % EMPLOYEE_SPAN,
  }
}

// 8-digit employee numbers, unique overall: a person's index times a number coprime with the span.
const EMPLOYEE_SPAN = 90_000_000
const EMPLOYEE_STEP = 7_368_787

const employeeNumber = (w: Workforce, p: number) =>
  String(10_000_000 + ((p * EMPLOYEE_STEP + w.employeeOffset) % EMPLOYEE_SPAN))

/**
 * Who an assignment in `t` reports to: the team's manager, else the directorate's, the division's or the
 * organisation's, starting above the person's own level and never the person themselves.
 */
function supervisorOf(w: Workforce, p: number, t: number, from: number): number {
  const unit = w.teams[t] as Team
  const chain = [
    w.teamManager[t] as number,
    w.directorateManager[unit.directorate] as number,
    w.divisionManager[unit.division] as number,
    w.orgManager[unit.org] as number,
  ]
  for (let i = from; i < chain.length; i++) {
    const manager = chain[i] as number
    if (manager >= 0 && manager !== p) return manager
  }
  return -1
}

// ---- Movers and leavers -------------------------------------------------------------------------------

interface Changes {
  gone: Uint8Array
  /** The team a mover's primary assignment moves to, or -1. */
  movedTeam: Int32Array
  movedRole: Uint8Array
  movers: number
  leavers: number
}

function applyVariant(w: Workforce, variant: SyntheticEsrVariant = {}): Changes {
  const people = w.team.length
  const gone = new Uint8Array(people)
  const movedTeam = new Int32Array(people).fill(-1)
  const movedRole = new Uint8Array(people)
  const moversPercent = variant.moversPercent ?? 0
  const leaversPercent = variant.leaversPercent ?? 0
  if (!(moversPercent >= 0 && leaversPercent >= 0 && moversPercent + leaversPercent <= 100)) {
    throw new RangeError('synthetic ESR: movers and leavers are percentages that add up to at most 100')
  }
  // Only people who supervise nobody move or leave, so that nobody else's row changes with them.
  let staff = 0
  const everyone = new Int32Array(people)
  for (let p = 0; p < people; p++) if (w.level[p] === 0) everyone[staff++] = p
  const eligible = shuffle(seededRandom(hashSeed(`esr-variant:${w.seed}`)), everyone.subarray(0, staff))
  const leavers = Math.min(eligible.length, Math.round((people * leaversPercent) / 100))
  const wantedMovers = Math.min(eligible.length - leavers, Math.round((people * moversPercent) / 100))
  for (let i = 0; i < leavers; i++) gone[eligible[i] as number] = 1

  let movers = 0
  for (let i = leavers; i < eligible.length && movers < wantedMovers; i++) {
    const p = eligible[i] as number
    // Each mover's destination depends on them alone, not on how many others move.
    const random = seededRandom(hashSeed(`esr-move:${w.seed}:${p}`))
    const own = w.team[p] as number
    const second = w.secondTeam[p] as number
    const unit = w.teams[own] as Team
    const [from, to] = (w.orgs[unit.org] as Workforce['orgs'][number]).teams
    const candidates: number[] = []
    const alike: number[] = []
    for (let t = from; t < to; t++) {
      if (t === own || t === second) continue
      candidates.push(t)
      if ((w.teams[t] as Team).kind === unit.kind) alike.push(t)
    }
    if (candidates.length === 0) continue
    // Most move to the same kind of team (a nurse to another ward) and keep their job; some change job.
    const sameKind = alike.length > 0 && random() < 0.85
    const target = pick(random, sameKind ? alike : candidates)
    movedTeam[p] = target
    movedRole[p] =
      sameKind && random() < 0.7 ? (w.role[p] as number) : staffRole(random, (w.teams[target] as Team).kind)
    movers++
  }
  return { gone, movedTeam, movedRole, movers, leavers }
}

// ---- Rows -----------------------------------------------------------------------------------------------

const DAY = 86_400_000
const FIRST_START = Date.UTC(1995, 0, 1)
const LAST_START = Date.UTC(2026, 10, 29)
const FIRST_END = Date.UTC(2026, 11, 1)
const LAST_END = Date.UTC(2028, 2, 31)

function esrDate(ms: number): string {
  const date = new Date(ms)
  const dd = String(date.getUTCDate()).padStart(2, '0')
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0')
  return `${dd}/${mm}/${date.getUTCFullYear()}`
}

const dayBetween = (random: Random, from: number, to: number, skew = 1) =>
  from + Math.floor(Math.pow(random(), skew) * ((to - from) / DAY + 1)) * DAY

function row(w: Workforce, changes: Changes, p: number, second: boolean): string {
  // Everything not decided by the structure comes from the assignment alone, so it survives a move.
  const random = seededRandom(hashSeed(`esr-row:${w.seed}:${p}:${second ? 2 : 1}`))
  const moved = !second && (changes.movedTeam[p] as number) >= 0
  const t = second ? (w.secondTeam[p] as number) : moved ? (changes.movedTeam[p] as number) : (w.team[p] as number)
  const unit = w.teams[t] as Team
  const org = w.orgs[unit.org] as Workforce['orgs'][number]
  const role = ROLE_LIST[
    second ? (w.secondRole[p] as number) : moved ? (changes.movedRole[p] as number) : (w.role[p] as number)
  ] as Role
  const title = pick(random, role.titles).replace('{spec}', (w.directorates[unit.directorate] as { name: string }).name)

  const first = FIRST_NAMES[w.firstName[p] as number] as string
  const last = LAST_NAMES[w.lastName[p] as number] as string
  const kind = w.emailKind[p]
  // A shared mailbox is the one of the person's original team, so moving does not change it.
  const email =
    kind === 2
      ? ''
      : kind === 1
        ? `${(w.teams[w.team[p] as number] as Team).mailbox}@nhs.net`
        : `${emailPart(first)}.${emailPart(last)}.${w.emailNumber[p]}@nhs.net`

  const employee = employeeNumber(w, p)
  const status = random() < 0.002 ? 'Suspend Assignment' : 'Active Assignment'
  const fixedTerm = random() < 0.02
  const start = fixedTerm
    ? dayBetween(random, Date.UTC(2025, 0, 1), LAST_START)
    : dayBetween(random, second ? Date.UTC(2008, 0, 1) : FIRST_START, LAST_START, 0.6)
  const end = fixedTerm ? esrDate(dayBetween(random, FIRST_END, LAST_END)) : ''
  const supervisor = supervisorOf(w, p, t, second ? 0 : (w.level[p] as number))
  const supervisorNumber = supervisor >= 0 ? employeeNumber(w, supervisor) : ''

  return [
    employee,
    `${employee}-${second ? 2 : 1}`,
    csv(first),
    csv(last),
    email,
    org.code,
    csv(org.name),
    unit.columns,
    csv(title),
    csv(role.staffGroup),
    csv(role.jobRole),
    second ? 'No' : 'Yes',
    status,
    esrDate(start),
    end,
    supervisorNumber,
    supervisorNumber && `${supervisorNumber}-1`,
  ].join(',')
}

// ---- Writing ------------------------------------------------------------------------------------------

const CHUNK = 64 * 1024

/** Writes the staff list to `path` (replacing it) and says what is in it. */
export async function writeSyntheticEsrFile(
  path: string,
  options: SyntheticEsrOptions = {},
  variant: SyntheticEsrVariant = {},
): Promise<SyntheticEsrSummary> {
  const w = buildWorkforce(options)
  const changes = applyVariant(w, variant)
  const people = w.team.length

  // Rows in a seeded random order, so nothing can rely on teams being together or managers coming first.
  let assignments = people
  for (let p = 0; p < people; p++) if ((w.secondTeam[p] as number) >= 0) assignments++
  const order = new Uint32Array(assignments)
  for (let p = 0, i = 0; p < people; p++) {
    order[i++] = p * 2
    if ((w.secondTeam[p] as number) >= 0) order[i++] = p * 2 + 1
  }
  shuffle(seededRandom(hashSeed(`esr-order:${w.seed}`)), order)

  const out = fs.createWriteStream(path)
  const done = finished(out)
  done.catch(() => {})
  let bytes = 0
  let written = 0
  const teamsSeen = new Uint8Array(w.teams.length)
  const orgsSeen = new Uint8Array(w.orgs.length)
  let chunk = ESR_HEADER.join(',') + '\r\n'
  try {
    for (const id of order) {
      const p = id >>> 1
      if (changes.gone[p]) continue
      const second = (id & 1) === 1
      chunk += row(w, changes, p, second) + '\r\n'
      written++
      const t = second ? w.secondTeam[p] : (changes.movedTeam[p] as number) >= 0 ? changes.movedTeam[p] : w.team[p]
      teamsSeen[t as number] = 1
      orgsSeen[(w.teams[t as number] as Team).org] = 1
      if (chunk.length >= CHUNK) {
        bytes += Buffer.byteLength(chunk)
        if (!out.write(chunk)) await once(out, 'drain')
        chunk = ''
      }
    }
    bytes += Buffer.byteLength(chunk)
    out.end(chunk)
    await done
  } catch (error) {
    out.destroy()
    throw error
  }
  return {
    people: people - changes.leavers,
    assignments: written,
    teams: teamsSeen.reduce((a, b) => a + b, 0),
    organisations: orgsSeen.reduce((a, b) => a + b, 0),
    movers: changes.movers,
    leavers: changes.leavers,
    bytes,
  }
}

// ---- Command line ---------------------------------------------------------------------------------------

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      people: { type: 'string' },
      teams: { type: 'string' },
      organisations: { type: 'string' },
      seed: { type: 'string' },
      movers: { type: 'string' },
      leavers: { type: 'string' },
    },
  })
  const [file] = positionals
  if (!file || positionals.length > 1) {
    console.error(
      'usage: tsx bench/synthetic-esr.ts <out.csv> [--people N] [--teams N] [--organisations N] [--seed N] [--movers % --leavers %]',
    )
    process.exit(2)
  }
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text))
  const started = performance.now()
  const summary = await writeSyntheticEsrFile(
    file,
    {
      people: number(values.people),
      teams: number(values.teams),
      organisations: number(values.organisations),
      seed: number(values.seed),
    },
    { moversPercent: number(values.movers), leaversPercent: number(values.leavers) },
  )
  const seconds = (performance.now() - started) / 1000
  const f = (n: number) => n.toLocaleString('en-GB')
  console.log(
    `${file}: ${f(summary.people)} people, ${f(summary.assignments)} assignments, ${f(summary.teams)} teams, ` +
      `${f(summary.organisations)} organisations, ${f(summary.movers)} movers, ${f(summary.leavers)} leavers, ` +
      `${f(summary.bytes)} bytes in ${seconds.toFixed(1)} s`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
