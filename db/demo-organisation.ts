import type { RoleProfileId } from '#app/lib/org/role-profiles.ts'

// The demo ICB: fictional organisations in a real place. 3 organisations × 2 directorates × 2 teams.
export interface DemoTeam {
  code: string
  name: string
  size: number
  /** Role profiles handed out in turn to the team's staff. */
  mix: RoleProfileId[]
  jobTitles: string[]
}

export interface DemoDirectorate {
  code: string
  name: string
  teams: DemoTeam[]
}

export interface DemoOrganisation {
  code: string
  name: string
  directorates: DemoDirectorate[]
}

const ward: Pick<DemoTeam, 'mix' | 'jobTitles'> = {
  mix: [
    'clinical',
    'clinical',
    'clinical',
    'clinical',
    'administrative',
    'clinical',
    'estates-support',
    'digital-champion',
  ],
  jobTitles: ['Staff nurse', 'Healthcare assistant', 'Ward clerk', 'Nursing associate', 'Ward housekeeper'],
}
const office: Pick<DemoTeam, 'mix' | 'jobTitles'> = {
  mix: ['administrative', 'administrative', 'administrative', 'digital-champion', 'administrative', 'digital-leader'],
  jobTitles: ['Administrator', 'Medical secretary', 'Receptionist', 'Data analyst', 'Coordinator'],
}
const estates: Pick<DemoTeam, 'mix' | 'jobTitles'> = {
  mix: ['estates-support', 'estates-support', 'estates-support', 'administrative', 'estates-support'],
  jobTitles: ['Porter', 'Domestic assistant', 'Maintenance technician', 'Catering assistant', 'Supervisor'],
}
const community: Pick<DemoTeam, 'mix' | 'jobTitles'> = {
  mix: ['clinical', 'clinical', 'clinical', 'administrative', 'digital-champion', 'clinical'],
  jobTitles: ['District nurse', 'Physiotherapist', 'Occupational therapist', 'Care coordinator', 'Support worker'],
}

export const demoIcb = { code: 'lsc-icb', name: 'Lancashire and South Cumbria ICB (demo)' }

export const demoOrganisations: DemoOrganisation[] = [
  {
    code: 'bay-hospitals',
    name: 'Bay Hospitals NHS Trust (demo)',
    directorates: [
      {
        code: 'bay-medicine',
        name: 'Medicine',
        teams: [
          { code: 'bay-ward-7', name: 'Ward 7 – Acute medicine', size: 14, ...ward },
          { code: 'bay-ward-8', name: 'Ward 8 – Respiratory', size: 13, ...ward },
        ],
      },
      {
        code: 'bay-facilities',
        name: 'Estates and facilities',
        teams: [
          { code: 'bay-portering', name: 'Portering', size: 12, ...estates },
          { code: 'bay-patient-records', name: 'Patient records', size: 11, ...office },
        ],
      },
    ],
  },
  {
    code: 'ribble-community',
    name: 'Ribble Community Health and Care (demo)',
    directorates: [
      {
        code: 'ribble-adult-services',
        name: 'Adult community services',
        teams: [
          { code: 'ribble-district-nursing', name: 'District nursing – Preston', size: 14, ...community },
          { code: 'ribble-therapy', name: 'Community therapy', size: 12, ...community },
        ],
      },
      {
        code: 'ribble-corporate',
        name: 'Corporate services',
        teams: [
          { code: 'ribble-digital', name: 'Digital services', size: 10, ...office },
          { code: 'ribble-workforce', name: 'Workforce and training', size: 12, ...office },
        ],
      },
    ],
  },
  {
    code: 'fylde-primary-care',
    name: 'Fylde Coast Primary Care Partnership (demo)',
    directorates: [
      {
        code: 'fylde-practices',
        name: 'General practice',
        teams: [
          { code: 'fylde-harbour-surgery', name: 'Harbour Surgery', size: 13, ...community },
          { code: 'fylde-promenade-practice', name: 'Promenade Medical Practice', size: 13, ...community },
        ],
      },
      {
        code: 'fylde-social-care',
        name: 'Social care partnership',
        teams: [
          { code: 'fylde-home-care', name: 'Home care team', size: 13, ...community },
          { code: 'fylde-reablement', name: 'Reablement service', size: 13, ...estates },
        ],
      },
    ],
  },
]

export const DEMO_PASSWORD = 'skills-demo-2026'

export const demoLogins = [
  {
    role: 'learner',
    email: 'learner@example.nhs.uk',
    name: 'Lauren Learner',
    teamCode: 'bay-ward-7',
    roleProfile: 'clinical',
    jobTitle: 'Staff nurse',
    isAdmin: false,
    manages: [],
  },
  {
    role: 'manager',
    email: 'manager@example.nhs.uk',
    name: 'Mohammed Manager',
    teamCode: 'bay-ward-7',
    roleProfile: 'team-manager',
    jobTitle: 'Ward manager',
    isAdmin: false,
    manages: ['bay-ward-7', 'bay-ward-8'],
  },
  {
    role: 'admin',
    email: 'admin@example.nhs.uk',
    name: 'Alex Admin',
    teamCode: 'ribble-digital',
    roleProfile: 'digital-leader',
    jobTitle: 'Digital learning lead',
    isAdmin: true,
    manages: [],
  },
] as const satisfies ReadonlyArray<{
  role: string
  email: string
  name: string
  teamCode: string
  roleProfile: RoleProfileId
  jobTitle: string
  isAdmin: boolean
  manages: readonly string[]
}>

export const firstNames = [
  'Aisha',
  'Ben',
  'Chloe',
  'Daniel',
  'Ellie',
  'Farhan',
  'Grace',
  'Harry',
  'Imran',
  'Jess',
  'Kieran',
  'Leah',
  'Marek',
  'Nadia',
  'Owen',
  'Priya',
  'Rachel',
  'Sam',
  'Tom',
  'Usha',
  'Vicky',
  'Will',
  'Yasmin',
  'Zoe',
  'Adebayo',
  'Bethany',
  'Callum',
  'Deepa',
  'Ewan',
  'Fiona',
  'Gareth',
  'Hannah',
  'Ioana',
  'Jack',
  'Kate',
]

export const lastNames = [
  'Ahmed',
  'Barker',
  'Campbell',
  'Dawson',
  'Evans',
  'Fletcher',
  'Green',
  'Hussain',
  'Iqbal',
  'Jackson',
  'Kaur',
  'Lowe',
  'Mitchell',
  'Nowak',
  'Okafor',
  'Patel',
  'Quinn',
  'Robinson',
  'Shaw',
  'Thompson',
  'Walsh',
  'Yates',
  'Atkinson',
  'Brennan',
  'Clarke',
  'Dixon',
  'Ellis',
  'Foster',
  'Hall',
  'Kelly',
]
