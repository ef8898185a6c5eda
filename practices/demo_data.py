# ruff: noqa: RUF001 -- prose keeps its typography ("aged 18 to 29" is written with an en dash).
"""The demo catalogue, as plain data: `python manage.py load_demo` loads it.

Two kinds of content live here.

* The MEETING practices come from EARLALL's online exchange of good practices on inclusive labour
  market policies of 12 February 2026 (the published meeting report). They are written from that
  text only and carry no figure it does not give. Years, references and websites beyond it are
  public facts with a reference to their source (the partnership's launch in 2024).
* The ILLUSTRATIVE practices are invented, plausible examples so that every filter of the
  catalogue has something to show. Their organisations are generic or fictional, their contact
  addresses are on example.org, and they carry no figures: no people reached, no budgets, no rates.

Values are the models' stored values (choice keys, slugs of the seeded vocabularies, dates), so
the loader validates everything with `full_clean()` and this module imports nothing from Django.
"""

import datetime

D = datetime.date

MEETING_REPORT = (
    "Exchange of good practices on inclusive labour market policies with Trøndelag region",
    "https://www.earlall.eu/exchange-of-good-practices-on-inclusive-labour-market-policies-with-"
    "trondelag-region",
    D(2026, 2, 12),
)

# Regions: slug, where maps show it (its seat), English name, country, NUTS code, EARLALL member?,
# website, description.
REGIONS = [
    {
        "slug": "catalonia",
        "latitude": 41.39,
        "longitude": 2.17,
        "name": "Catalonia",
        "country": "ES",
        "nuts_code": "ES51",
        "is_member": True,
        "website": "https://web.gencat.cat/en/",
        "description": "Autonomous community in north-eastern Spain, on the Mediterranean coast.",
    },
    {
        "slug": "basque-country",
        "latitude": 42.85,
        "longitude": -2.67,
        "name": "Basque Country",
        "country": "ES",
        "nuts_code": "ES21",
        "is_member": True,
        "website": "https://www.euskadi.eus/",
        "description": "Autonomous community in northern Spain, also known as Euskadi.",
    },
    {
        "slug": "trondelag",
        "latitude": 63.43,
        "longitude": 10.4,
        "name": "Trøndelag",
        "country": "NO",
        "nuts_code": "NO06",
        "is_member": True,
        "website": "https://www.trondelagfylke.no/",
        "description": "County in central Norway.",
    },
    {
        "slug": "vastra-gotaland",
        "latitude": 57.71,
        "longitude": 11.97,
        "name": "Västra Götaland",
        "country": "SE",
        "nuts_code": "SE232",
        "is_member": True,
        "website": "https://www.vgregion.se/",
        "description": "Region in western Sweden; the municipality of Borås is part of it.",
    },
    {
        "slug": "flanders",
        "latitude": 50.85,
        "longitude": 4.35,
        "name": "Flanders",
        "country": "BE",
        "nuts_code": "BE2",
        "is_member": False,
        "website": "https://www.vlaanderen.be/",
        "description": "The Dutch-speaking northern region of Belgium.",
    },
    {
        "slug": "tuscany",
        "latitude": 43.77,
        "longitude": 11.25,
        "name": "Tuscany",
        "country": "IT",
        "nuts_code": "ITI1",
        "is_member": False,
        "website": "https://www.regione.toscana.it/",
        "description": "Region in central Italy.",
    },
    {
        "slug": "emilia-romagna",
        "latitude": 44.49,
        "longitude": 11.34,
        "name": "Emilia-Romagna",
        "country": "IT",
        "nuts_code": "ITH5",
        "is_member": False,
        "website": "https://www.regione.emilia-romagna.it/",
        "description": "Region in northern Italy.",
    },
    {
        "slug": "lombardy",
        "latitude": 45.46,
        "longitude": 9.19,
        "name": "Lombardy",
        "country": "IT",
        "nuts_code": "ITC4",
        "is_member": False,
        "website": "https://www.regione.lombardia.it/",
        "description": "Region in northern Italy.",
    },
    {
        "slug": "lower-austria",
        "latitude": 48.2,
        "longitude": 15.63,
        "name": "Lower Austria",
        "country": "AT",
        "nuts_code": "AT12",
        "is_member": False,
        "website": "https://www.noe.gv.at/",
        "description": "Federal state in north-eastern Austria.",
    },
    {
        "slug": "north-rhine-westphalia",
        "latitude": 51.23,
        "longitude": 6.77,
        "name": "North Rhine-Westphalia",
        "country": "DE",
        "nuts_code": "DEA",
        "is_member": False,
        "website": "https://www.land.nrw/",
        "description": "Federal state in western Germany.",
    },
    {
        "slug": "scotland",
        "latitude": 55.95,
        "longitude": -3.19,
        "name": "Scotland",
        "country": "GB",
        "nuts_code": "UKM",
        "is_member": False,
        "website": "https://www.gov.scot/",
        "description": "Nation of the United Kingdom, with its own government.",
    },
    {
        "slug": "andalusia",
        "latitude": 37.39,
        "longitude": -5.98,
        "name": "Andalusia",
        "country": "ES",
        "nuts_code": "ES61",
        "is_member": False,
        "website": "https://www.juntadeandalucia.es/",
        "description": "Autonomous community in southern Spain.",
    },
    {
        "slug": "navarre",
        "latitude": 42.81,
        "longitude": -1.64,
        "name": "Navarre",
        "country": "ES",
        "nuts_code": "ES22",
        "is_member": False,
        "website": "https://www.navarra.es/",
        "description": "Autonomous community in northern Spain, bordering France.",
    },
    {
        "slug": "nouvelle-aquitaine",
        "latitude": 44.84,
        "longitude": -0.58,
        "name": "Nouvelle-Aquitaine",
        "country": "FR",
        "nuts_code": "FRI",
        "is_member": False,
        "website": "https://www.nouvelle-aquitaine.fr/",
        "description": "Region in south-western France, bordering Spain.",
    },
    {
        "slug": "uusimaa",
        "latitude": 60.17,
        "longitude": 24.94,
        "name": "Uusimaa",
        "country": "FI",
        "nuts_code": "FI1B",
        "is_member": False,
        "website": "https://www.uudenmaanliitto.fi/",
        "description": "Region in southern Finland around Helsinki.",
    },
    {
        "slug": "southern-denmark",
        "latitude": 55.71,
        "longitude": 9.54,
        "name": "Southern Denmark",
        "country": "DK",
        "nuts_code": "DK03",
        "is_member": False,
        "website": "https://regionsyddanmark.dk/",
        "description": "Region in southern Denmark, bordering Germany.",
    },
]

# Organisations: slug, name, kind, region slug (None for a Europe-wide network), website.
# The first five are the real organisations of the meeting report; the rest are generic or
# fictional, without websites.
ORGANISATIONS = [
    {
        "slug": "servei-public-docupacio-de-catalunya",
        "name": "Servei Públic d'Ocupació de Catalunya",
        "kind": "public_employment_service",
        "region": "catalonia",
        "website": "https://serveiocupacio.gencat.cat/",
    },
    {
        "slug": "ehlabe",
        "name": "EHLABE",
        "kind": "association",
        "region": "basque-country",
        "website": "https://www.ehlabe.org/",
    },
    {
        "slug": "boras-stad",
        "name": "Borås Stad",
        "kind": "municipality",
        "region": "vastra-gotaland",
        "website": "https://www.boras.se/",
    },
    {
        "slug": "trondelag-county",
        "name": "Trøndelag County Authority",
        "kind": "regional_authority",
        "region": "trondelag",
        "website": "https://www.trondelagfylke.no/",
    },
    {
        "slug": "earlall",
        "name": "EARLALL",
        "kind": "network",
        "region": None,
        "website": "https://www.earlall.eu/",
    },
    # Illustrative organisations.
    {
        "slug": "tuscany-regional-employment-service",
        "name": "Regional employment service of Tuscany",
        "kind": "public_employment_service",
        "region": "tuscany",
    },
    {
        "slug": "tuscan-social-cooperatives-network",
        "name": "Tuscan network of social cooperatives",
        "kind": "employer",
        "region": "tuscany",
    },
    {
        "slug": "emilia-romagna-inclusive-employers",
        "name": "Emilia-Romagna inclusive employers' network",
        "kind": "association",
        "region": "emilia-romagna",
    },
    {
        "slug": "lombardy-manufacturing-skills-alliance",
        "name": "Lombardy manufacturing skills alliance",
        "kind": "employer",
        "region": "lombardy",
    },
    {
        "slug": "lombardy-vocational-schools",
        "name": "Consortium of vocational schools in Lombardy",
        "kind": "education_provider",
        "region": "lombardy",
    },
    {
        "slug": "flemish-adult-education-consortium",
        "name": "Flemish consortium of adult education centres",
        "kind": "education_provider",
        "region": "flanders",
    },
    {
        "slug": "flemish-inclusive-recruitment-network",
        "name": "Flemish employers' network for inclusive recruitment",
        "kind": "employer",
        "region": "flanders",
    },
    {
        "slug": "lower-austria-adult-education",
        "name": "Lower Austrian adult education association",
        "kind": "education_provider",
        "region": "lower-austria",
    },
    {
        "slug": "ruhr-vocational-training-centre",
        "name": "Ruhr vocational training centre",
        "kind": "education_provider",
        "region": "north-rhine-westphalia",
    },
    {
        "slug": "ruhr-craft-businesses",
        "name": "Association of craft businesses in the Ruhr",
        "kind": "employer",
        "region": "north-rhine-westphalia",
    },
    {
        "slug": "scottish-health-and-work-service",
        "name": "Scottish health and work service",
        "kind": "other",
        "region": "scotland",
    },
    {
        "slug": "scottish-community-learning-partnership",
        "name": "Community learning partnership of the Scottish Borders",
        "kind": "association",
        "region": "scotland",
    },
    {
        "slug": "southern-denmark-job-centres",
        "name": "Municipal job centres of Southern Denmark",
        "kind": "municipality",
        "region": "southern-denmark",
    },
    {
        "slug": "uusimaa-adult-education-centre",
        "name": "Uusimaa adult education centre",
        "kind": "education_provider",
        "region": "uusimaa",
    },
    {
        "slug": "andalusia-regional-employment-service",
        "name": "Regional employment service of Andalusia",
        "kind": "public_employment_service",
        "region": "andalusia",
    },
    {
        "slug": "andalusian-social-kitchens",
        "name": "Andalusian social enterprise kitchens cooperative",
        "kind": "employer",
        "region": "andalusia",
    },
    {
        "slug": "navarre-vocational-training-network",
        "name": "Navarre vocational training network",
        "kind": "education_provider",
        "region": "navarre",
    },
    {
        "slug": "nouvelle-aquitaine-apprentice-training-centre",
        "name": "Apprentice training centre of the Pyrénées-Atlantiques",
        "kind": "education_provider",
        "region": "nouvelle-aquitaine",
    },
    {
        "slug": "catalan-womens-employment-association",
        "name": "Association for women's employment in Catalonia",
        "kind": "association",
        "region": "catalonia",
    },
    {
        "slug": "euskadi-social-economy-network",
        "name": "Euskadi social economy employment network",
        "kind": "association",
        "region": "basque-country",
    },
    {
        "slug": "trondelag-vocational-schools",
        "name": "Trøndelag vocational schools network",
        "kind": "education_provider",
        "region": "trondelag",
    },
    {
        "slug": "vastra-gotaland-adult-education",
        "name": "Västra Götaland adult education consortium",
        "kind": "education_provider",
        "region": "vastra-gotaland",
    },
    {
        "slug": "european-peer-network-youth-guidance",
        "name": "European peer network for youth guidance",
        "kind": "network",
        "region": None,
    },
]

# Practices. Keys are Practice fields, except: `lead` and `partners` (organisation slugs),
# `regions`, `target_groups`, `themes`, `funding` (slugs), `adapted_from` (the slug of a practice
# listed earlier), `published_on` and `submitted_on` (dates, stored at 10:00 UTC), `references`
# ((title, url, date or None) tuples) and `identifiers` ((scheme, value) tuples). A key left out
# takes the field's empty value.
PRACTICES = [
    # --- From the meeting report ------------------------------------------------------------
    {
        "slug": "alma-catalonia",
        "title": "ALMA: mobility for young people not in employment, education or training",
        "summary": (
            "Catalonia's public employment services run ALMA, a European Commission mobility "
            "initiative supporting the integration of NEETs aged 18–29. It facilitates the social "
            "and professional integration of disadvantaged young people through mobility "
            "opportunities across EU Member States."
        ),
        "description": (
            "Representatives of the public employment services of Catalonia presented the ALMA "
            "programme at EARLALL's online exchange on inclusive labour market policies on "
            "12 February 2026.\n\n"
            "ALMA (Aim, Learn, Master, Achieve) is a European Commission mobility initiative "
            "supporting the integration of NEETs aged 18–29: young people who are not in "
            "education, employment or training. The programme facilitates the social and "
            "professional integration of disadvantaged young people through mobility "
            "opportunities across EU Member States.\n\n"
            "While ALMA specifically targets youth, Catalonia also implements several "
            "complementary programmes focused on broader labour market inclusion."
        ),
        "lead": "servei-public-docupacio-de-catalunya",
        "regions": ["catalonia"],
        "target_groups": ["neets"],
        "themes": ["learning-mobility"],
        "funding": ["alma", "esf-plus"],
        "kind": "programme",
        "level": "regional",
        "challenges": (
            "A lesson drawn at the meeting: mobility instruments such as ALMA are one important "
            "tool to foster inclusion, but lifelong learning systems play the crucial role in "
            "supporting people who are currently outside the labour market."
        ),
        "transferability": (
            "ALMA is a European Commission initiative, so it is open to regions in other EU "
            "Member States. Catalonia's experience shows it working alongside complementary "
            "programmes for broader labour market inclusion."
        ),
        "evidence_level": "not_evaluated",
        "evaluation_note": (
            "No evaluation was presented at the meeting; this entry records the presentation."
        ),
        "website": "https://serveiocupacio.gencat.cat/",
        "status": "published",
        "published_on": D(2026, 2, 16),
        "last_reviewed_on": D(2026, 2, 16),
        "references": [
            MEETING_REPORT,
            (
                "ALMA: an active inclusion initiative for young people (European Commission)",
                "https://ec.europa.eu/social/main.jsp?catId=1549&langId=en",
                None,
            ),
        ],
    },
    {
        "slug": "ehlabe-inclusive-employment-models",
        "title": "Inclusive employment models for persons with disabilities",
        "summary": (
            "EHLABE, an association from the Basque Country dedicated to the social and "
            "occupational inclusion of persons with disabilities, raises awareness, influences "
            "policy and implements inclusive employment models that provide coherent and flexible "
            "pathways into the labour market."
        ),
        "description": (
            "EHLABE is an association from the Basque Country dedicated to the social and "
            "occupational inclusion of persons with disabilities. At EARLALL's online exchange on "
            "inclusive labour market policies on 12 February 2026 it showcased its work in three "
            "areas: raising awareness, influencing policy, and implementing inclusive employment "
            "models that provide coherent and flexible pathways into the labour market.\n\n"
            "Its guiding principle, as presented at the meeting: “We adapt the work to the "
            "person, not the other way around.”"
        ),
        "lead": "ehlabe",
        "regions": ["basque-country"],
        "target_groups": ["persons-with-disabilities"],
        "themes": ["inclusive-and-supported-employment"],
        "kind": "method",
        "level": "regional",
        "success_factors": (
            "The work is adapted to the person rather than the person to the work, and the "
            "pathways into the labour market are designed to be coherent and flexible."
        ),
        "challenges": (
            "EHLABE stressed the transnational nature of the challenges: demographic shifts and "
            "labour shortages are increasing pressure on employment systems, often "
            "disproportionately affecting persons with disabilities."
        ),
        "transferability": (
            "The challenges are shared across Europe, which makes the principle and the pathway "
            "approach relevant to other regions facing demographic shifts and labour shortages."
        ),
        "key_lesson": "We adapt the work to the person, not the other way around.",
        "evidence_level": "not_evaluated",
        "evaluation_note": (
            "No evaluation was presented at the meeting; this entry records the presentation."
        ),
        "website": "https://www.ehlabe.org/",
        "status": "published",
        "published_on": D(2026, 2, 18),
        "last_reviewed_on": D(2026, 2, 18),
        "references": [MEETING_REPORT],
    },
    {
        "slug": "boras-upskilling-lower-formal-education",
        "title": "Upskilling and reskilling people with lower levels of formal education",
        "summary": (
            "Borås Stad, a municipality in western Sweden, focuses on upskilling and reskilling "
            "people with lower levels of formal education to maintain a highly skilled workforce "
            "and increase the employment rate, with inclusive labour markets as a way to foster "
            "social integration."
        ),
        "description": (
            "At EARLALL's online exchange on inclusive labour market policies on 12 February "
            "2026, Borås Stad echoed the challenges identified by the Trøndelag region and "
            "reflected on their shared objectives.\n\n"
            "With an unemployment rate of approximately 7%, the municipality highlighted the need "
            "to upskill and reskill individuals with lower levels of formal education to maintain "
            "a highly skilled workforce. Borås Stad reaffirmed its commitment to increasing the "
            "employment rate, focusing on inclusive labour markets as a way to foster social "
            "integration."
        ),
        "lead": "boras-stad",
        "regions": ["vastra-gotaland"],
        "target_groups": ["adults-with-low-formal-education"],
        "themes": ["upskilling-and-reskilling"],
        "kind": "policy",
        "level": "local",
        "challenges": (
            "Maintaining a highly skilled workforce requires upskilling and reskilling people "
            "with lower levels of formal education; Borås Stad shares these challenges with the "
            "Trøndelag region."
        ),
        "evidence_level": "not_evaluated",
        "evaluation_note": (
            "No evaluation was presented at the meeting; this entry records the presentation."
        ),
        "website": "https://www.boras.se/",
        "status": "published",
        "published_on": D(2026, 2, 20),
        "last_reviewed_on": D(2026, 2, 20),
        "references": [MEETING_REPORT],
    },
    {
        "slug": "trondelag-cooperation-on-inclusion",
        "title": "Cooperation on systematic inclusion and keeping employees in the workforce",
        "summary": (
            "Trøndelag seeks international cooperation with partners at the regional level to "
            "gain inspiration on methods for systematic inclusion of people outside the labour "
            "market, including persons with disabilities, and on how to encourage employees to "
            "remain in the workforce."
        ),
        "description": (
            "EARLALL's online exchange on inclusive labour market policies on 12 February 2026 "
            "responded to a strong interest expressed by the Norwegian region of Trøndelag in "
            "strengthening collaboration with European regions on approaches to recruiting and "
            "supporting people currently outside the labour market, including persons with "
            "disabilities.\n\n"
            "Trøndelag presented the current state of its labour market, highlighting the "
            "demographic challenges arising in the region, and its aim to create international "
            "cooperation with partners at the regional level to gain inspiration on methods for "
            "systematic inclusion and on how to encourage employees to remain in the workforce."
        ),
        "lead": "trondelag-county",
        "regions": ["trondelag"],
        "target_groups": ["people-outside-the-labour-market", "persons-with-disabilities"],
        "themes": ["inclusive-and-supported-employment", "retention-in-work"],
        "kind": "project",
        "level": "regional",
        "challenges": (
            "Demographic challenges in the region: recruiting people who are outside the labour "
            "market and keeping employees in the workforce both matter."
        ),
        "transferability": (
            "The cooperation looks for partner regions at the regional level with methods for "
            "systematic inclusion or for keeping employees in work; Borås Stad shares its "
            "challenges and objectives."
        ),
        "evidence_level": "not_evaluated",
        "evaluation_note": "The cooperation was at its start when it was presented.",
        "website": "https://www.trondelagfylke.no/",
        "status": "published",
        "published_on": D(2026, 2, 23),
        "last_reviewed_on": D(2026, 2, 23),
        "references": [MEETING_REPORT],
    },
    {
        "slug": "regional-skills-partnership-lifelong-learning-mobility",
        "title": "Regional Skills Partnership for Lifelong Learning Mobility",
        "summary": (
            "EARLALL's Regional Skills Partnership for Lifelong Learning Mobility, launched under "
            "the European Commission's Pact for Skills, works on lifelong learning for people "
            "outside the labour market: upskilling and reskilling pathways, accessible and "
            "flexible learning, and inclusive regional skills strategies."
        ),
        "description": (
            "The partnership was launched by EARLALL, the European network of regional and local "
            "authorities for lifelong learning, under the European Commission's Pact for "
            "Skills.\n\n"
            "EARLALL's exchange on inclusive labour market policies of 12 February 2026 closely "
            "aligned with it. While mobility instruments such as ALMA represent one important "
            "tool to foster inclusion, the exchange primarily highlighted the crucial role of "
            "lifelong learning systems in supporting individuals who are currently outside the "
            "labour market. Strengthening upskilling and reskilling pathways, ensuring accessible "
            "and flexible learning opportunities, and developing inclusive regional skills "
            "strategies are key priorities shared across the network.\n\n"
            "EARLALL will continue to facilitate dialogue, the exchange of good practices and the "
            "development of joint initiatives to support regions in recruiting, retaining and "
            "empowering individuals currently outside the labour market."
        ),
        "lead": "earlall",
        "regions": [],
        "target_groups": ["people-outside-the-labour-market"],
        "themes": [
            "regional-skills-partnerships",
            "learning-mobility",
            "upskilling-and-reskilling",
        ],
        "kind": "programme",
        "level": "european",
        "start_year": 2024,
        "transferability": (
            "Inclusive labour market policies contribute to economic resilience, social cohesion "
            "and active participation in society; supporting NEETs, persons with disabilities, "
            "migrants and other vulnerable groups strengthens both regional competitiveness and "
            "democratic values."
        ),
        "evidence_level": "not_evaluated",
        "website": "https://www.earlall.eu/activities/regional-skills-partnerships-for-lifelong-"
        "learning-mobility",
        "status": "published",
        "published_on": D(2026, 2, 25),
        "last_reviewed_on": D(2026, 2, 25),
        "references": [
            MEETING_REPORT,
            (
                "Regional Skills Partnership for Lifelong Learning Mobility (EARLALL)",
                "https://www.earlall.eu/activities/regional-skills-partnerships-for-lifelong-"
                "learning-mobility",
                None,
            ),
            (
                "Pact for Skills (European Commission)",
                "https://pact-for-skills.ec.europa.eu/",
                None,
            ),
        ],
    },
    # --- Illustrative practices -------------------------------------------------------------
    {
        "slug": "job-coaching-intellectual-disabilities-tuscany",
        "title": "Job coaching for people with intellectual disabilities",
        "original_title": "Job coaching per persone con disabilità intellettiva",
        "original_language": "it",
        "summary": (
            "A trained job coach finds a suitable workplace together with the jobseeker, breaks "
            "the job down into tasks with the employer, and stays alongside the new employee "
            "until the work runs smoothly, then steps back gradually."
        ),
        "description": (
            "The method follows the supported employment model: place first, then train on the "
            "job. A job coach meets the jobseeker and their family, builds a vocational profile "
            "from what the person can and wants to do, and approaches employers with a specific "
            "proposal rather than a general request.\n\n"
            "Once a match is found, the coach analyses the tasks, agrees reasonable adjustments "
            "with the employer and trains the new employee at the workplace. Support fades as "
            "the person becomes independent, but the coach remains the employer's contact for "
            "as long as the job lasts, so that small problems are solved before they become "
            "reasons to leave."
        ),
        "lead": "tuscany-regional-employment-service",
        "partners": ["tuscan-social-cooperatives-network"],
        "regions": ["tuscany"],
        "target_groups": ["persons-with-disabilities"],
        "themes": [
            "inclusive-and-supported-employment",
            "employer-engagement",
            "retention-in-work",
        ],
        "funding": ["esf-plus", "regional"],
        "kind": "method",
        "level": "regional",
        "start_year": 2016,
        "resources": (
            "Job coaches with a background in social work or education, trained in supported "
            "employment, with caseloads small enough to leave time at workplaces. A modest "
            "budget for travel and workplace adjustments. Social cooperatives offer transitional "
            "placements where an open-market job is not yet realistic."
        ),
        "results": (
            "Participants moved from sheltered settings or inactivity into paid jobs on the open "
            "labour market, mostly in services, logistics and catering. Employers who took part "
            "once tended to recruit again, and some asked for the same support for existing staff "
            "who had acquired a disability."
        ),
        "success_factors": (
            "Coaches who spend their time in workplaces rather than offices; one named contact "
            "for the employer; matching based on the person's interests; follow-up support "
            "without a fixed end date."
        ),
        "challenges": (
            "At first, coaches placed people quickly in whatever vacancy was available, and many "
            "placements broke down within weeks. A slower profiling phase and involving families "
            "earlier made placements last. Rural areas remain hard to cover, because travel time "
            "eats into coaching time."
        ),
        "evidence_level": "independently_evaluated",
        "evaluation_note": (
            "A university research team compared participants' employment over time with people "
            "on the regular waiting list, and interviewed employers and coaches."
        ),
        "transferability": (
            "Needs a public employment service willing to fund staff time rather than courses, "
            "a network of local employers, and training for coaches in the supported employment "
            "method. The method is well documented in Europe and adapts to different welfare "
            "systems."
        ),
        "key_lesson": "Place first, then train: people learn a job best in the job itself.",
        "public_contact_email": "jobcoaching@example.org",
        "contact_name": "Giulia Rinaldi",
        "contact_email": "giulia.rinaldi@example.org",
        "contact_email_is_public": True,
        "status": "published",
        "published_on": D(2026, 3, 4),
        "last_reviewed_on": D(2026, 9, 15),
        "references": [
            (
                "Job coaching method handbook",
                "https://example.org/tuscany/job-coaching-handbook.pdf",
                D(2021, 5, 10),
            ),
            (
                "External evaluation report",
                "https://example.org/tuscany/job-coaching-evaluation",
                D(2023, 3, 1),
            ),
        ],
        "identifiers": [("esf_plus", "ESF+ TOSCANA 2021-2027 PRIORITY 3")],
    },
    {
        "slug": "supported-employment-small-firms-emilia-romagna",
        "title": "Supported employment in small firms",
        "original_title": "Inserimento lavorativo assistito nelle piccole imprese",
        "original_language": "it",
        "summary": (
            "The Tuscan job-coaching method, adapted to small and micro firms without a human "
            "resources department: one shared coach supports several neighbouring employers and "
            "their new staff with disabilities."
        ),
        "description": (
            "Small firms make up most of the local economy, but they rarely take part in "
            "disability employment schemes: the paperwork is heavy and nobody in the firm has "
            "time to learn it. The project took the job-coaching method from Tuscany and "
            "organised it by industrial district instead of by jobseeker.\n\n"
            "A coach is attached to a cluster of small employers in one area. The coach handles "
            "the administrative side, helps the owner redesign tasks, and trains both the new "
            "employee and a colleague who acts as a workplace buddy."
        ),
        "lead": "emilia-romagna-inclusive-employers",
        "regions": ["emilia-romagna"],
        "target_groups": ["persons-with-disabilities", "people-outside-the-labour-market"],
        "themes": ["inclusive-and-supported-employment", "employer-engagement"],
        "funding": ["esf-plus"],
        "kind": "project",
        "level": "regional",
        "start_year": 2019,
        "end_year": 2023,
        "adapted_from": "job-coaching-intellectual-disabilities-tuscany",
        "resources": (
            "Coaches employed by the employers' network, a shared administrative helpdesk, and "
            "time from a colleague in each firm to act as a buddy."
        ),
        "results": (
            "Firms that had never employed a person with a disability did so for the first time, "
            "and the buddy role spread informally to other new hires. The employers' network "
            "kept the helpdesk after the project ended."
        ),
        "success_factors": (
            "Organising support around places rather than individual cases; owners trusted a "
            "coach they already knew from neighbouring firms."
        ),
        "challenges": (
            "Seasonal work in some districts meant contracts ended in winter, and the project "
            "had no answer to that. Buddies needed recognition, or they stopped volunteering."
        ),
        "evidence_level": "monitored",
        "evaluation_note": "Placements and their duration were monitored by the network.",
        "transferability": (
            "Works where small firms cluster geographically and an employers' association is "
            "willing to host the coaches."
        ),
        "key_lesson": "Small employers need one person to call, not another programme.",
        "contact_name": "Marco Bellini",
        "contact_email": "marco.bellini@example.org",
        "contact_email_is_public": False,
        "status": "published",
        "published_on": D(2026, 3, 19),
        "last_reviewed_on": D(2026, 3, 19),
        "references": [
            (
                "Final project report",
                "https://example.org/emilia-romagna/small-firms-final-report",
                D(2024, 2, 12),
            ),
        ],
        "identifiers": [("esf_plus", "ESF+ EMILIA-ROMAGNA 2021-2027 PRIORITY 1")],
    },
    {
        "slug": "recognising-skills-learnt-at-work-flanders",
        "title": "Recognising skills learnt at work",
        "original_title": "Erkenning van competenties verworven op het werk",
        "original_language": "nl",
        "summary": (
            "Adults without a diploma have the skills they gained at work assessed against "
            "vocational standards and receive a certificate for what they can already do, "
            "followed by advice on the shortest route to a full qualification."
        ),
        "description": (
            "Many adults in low-paid jobs have years of experience but no paper to show for it. "
            "The adult education centres offer a guided portfolio interview, a practical test in "
            "a workshop or at the workplace, and an assessment against the same standards used "
            "in vocational education.\n\n"
            "Candidates receive partial certificates for the units they master. A guidance "
            "counsellor then builds a learning plan for the missing units, which candidates can "
            "follow in the evening or in modular daytime courses."
        ),
        "lead": "flemish-adult-education-consortium",
        "regions": ["flanders"],
        "target_groups": ["adults-with-low-formal-education", "migrants-and-refugees"],
        "themes": ["validation-of-prior-learning", "guidance-and-counselling"],
        "funding": ["esf-plus", "regional"],
        "kind": "method",
        "level": "regional",
        "start_year": 2017,
        "resources": (
            "Assessors trained in the vocational standards, guidance counsellors, and access to "
            "workshops for practical tests. Translation support helps candidates whose first "
            "language is not Dutch."
        ),
        "results": (
            "Candidates gained partial or full qualifications in a fraction of the time a full "
            "course takes, and many went on to further training. Employers began to use the "
            "assessments to plan training for their own staff."
        ),
        "success_factors": (
            "Assessment against the same standards as initial vocational education, so the "
            "certificates are accepted; a counsellor who stays with the candidate afterwards."
        ),
        "challenges": (
            "The portfolio interview was too text-heavy for candidates with weak literacy. "
            "Replacing most of it with practical demonstrations fixed that, but takes more "
            "assessor time."
        ),
        "evidence_level": "evaluated",
        "evaluation_note": (
            "An internal evaluation followed candidates' qualifications and further training, "
            "with interviews of candidates and employers."
        ),
        "transferability": (
            "Needs vocational standards that are broken into units, and a legal basis for "
            "awarding partial certificates."
        ),
        "key_lesson": "Start from what people can do, not from the diploma they lack.",
        "public_contact_email": "validation@example.org",
        "status": "published",
        "published_on": D(2026, 4, 2),
        "last_reviewed_on": D(2026, 4, 2),
        "references": [
            (
                "Guide for assessors",
                "https://example.org/flanders/validation-assessor-guide",
                D(2020, 9, 1),
            ),
        ],
    },
    {
        "slug": "skills-review-older-workers-lower-austria",
        "title": "Skills review for older workers",
        "original_title": "Kompetenzbilanz für ältere Beschäftigte",
        "original_language": "de",
        "summary": (
            "Workers over 50 in physically demanding jobs take stock of their skills with a "
            "counsellor and plan a move to work they can keep doing until retirement, inside "
            "their company where possible."
        ),
        "description": (
            "Adapted from the Flemish approach to recognising skills learnt at work, the service "
            "targets a different moment: the point where a worker's body or the job itself "
            "changes. A counsellor guides the worker through a structured skills review over "
            "several sessions, documenting experience that never appeared in a CV.\n\n"
            "The review ends with a development plan. Where the employer takes part, the plan "
            "names a concrete job inside the company and the training needed to get there; "
            "otherwise it points to recognised qualifications and the regional training offer."
        ),
        "lead": "lower-austria-adult-education",
        "regions": ["lower-austria"],
        "target_groups": ["older-workers", "adults-with-low-formal-education"],
        "themes": [
            "validation-of-prior-learning",
            "retention-in-work",
            "guidance-and-counselling",
        ],
        "funding": ["national", "esf-plus"],
        "kind": "service",
        "level": "regional",
        "start_year": 2021,
        "adapted_from": "recognising-skills-learnt-at-work-flanders",
        "resources": (
            "Counsellors trained in skills review methods, a short training for HR staff of "
            "participating employers, and funding for the training the plans call for."
        ),
        "results": (
            "Participants reported a clearer picture of their options, and several employers "
            "created internal moves for workers who would otherwise have left on health grounds."
        ),
        "success_factors": (
            "Involving the employer from the first session; counsellors who know the regional "
            "labour market."
        ),
        "challenges": (
            "Workers feared the review would be used to push them out. Running it through the "
            "adult education association, not the employer, and keeping results confidential "
            "built trust."
        ),
        "evidence_level": "monitored",
        "evaluation_note": "Participation and follow-up steps are monitored each year.",
        "transferability": (
            "Any region with an adult education provider that employers and unions trust can run "
            "it; the method needs few resources beyond counsellor time."
        ),
        "key_lesson": "Plan the next job before the body forces the question.",
        "contact_name": "Andrea Gruber",
        "contact_email": "andrea.gruber@example.org",
        "contact_email_is_public": True,
        "status": "published",
        "published_on": D(2026, 4, 21),
        "last_reviewed_on": D(2026, 4, 21),
        "references": [
            (
                "Skills review method description",
                "https://example.org/lower-austria/kompetenzbilanz",
                D(2022, 1, 20),
            ),
        ],
    },
    {
        "slug": "apprenticeship-preparation-young-refugees-nrw",
        "title": "Apprenticeship preparation for young refugees",
        "original_title": "Ausbildungsvorbereitung für junge Geflüchtete",
        "original_language": "de",
        "summary": (
            "A preparatory year combining German for the workplace, basic vocational skills in "
            "training workshops and short placements in craft businesses, leading young refugees "
            "into a regular dual apprenticeship."
        ),
        "description": (
            "Young refugees often arrive too old for school and without the language level an "
            "apprenticeship requires. The training centre runs a preparatory year in which "
            "language classes use the vocabulary of the trades, and workshop days let "
            "participants try several occupations.\n\n"
            "Short placements in member firms of the craft businesses' association follow. "
            "A mentor accompanies each participant into the apprenticeship and through its first "
            "months, when drop-out is most likely."
        ),
        "lead": "ruhr-vocational-training-centre",
        "partners": ["ruhr-craft-businesses"],
        "regions": ["north-rhine-westphalia"],
        "target_groups": ["migrants-and-refugees", "young-people"],
        "themes": ["work-based-learning-and-apprenticeships", "employer-engagement"],
        "funding": ["national", "esf-plus"],
        "kind": "programme",
        "level": "regional",
        "start_year": 2016,
        "end_year": 2022,
        "resources": (
            "Language teachers familiar with vocational content, workshop trainers, mentors, and "
            "employers willing to offer placements."
        ),
        "results": (
            "Most participants who completed the year started an apprenticeship, mainly in "
            "construction, metalwork and hairdressing. Craft firms facing a shortage of "
            "apprentices became regular partners."
        ),
        "success_factors": (
            "Trade-specific language teaching; mentors who continued into the apprenticeship; "
            "the craft association's backing, which opened doors to small firms."
        ),
        "challenges": (
            "Uncertain residence status made some employers hesitant. Clear information on the "
            "legal position of apprentices helped, but did not remove the hesitation entirely."
        ),
        "evidence_level": "independently_evaluated",
        "evaluation_note": (
            "Evaluated by an independent research institute with a follow-up of participants "
            "into the second year of their apprenticeship."
        ),
        "transferability": (
            "Needs a dual apprenticeship system or something close to it, and an employers' "
            "association that can mobilise small firms."
        ),
        "key_lesson": "Teach the language of the trade, in the workshop.",
        "public_contact_email": "ausbildung@example.org",
        "contact_name": "Jonas Becker",
        "contact_email": "jonas.becker@example.org",
        "contact_email_is_public": False,
        "status": "published",
        "published_on": D(2026, 5, 6),
        "last_reviewed_on": D(2026, 5, 6),
        "references": [
            (
                "Independent evaluation, final report",
                "https://example.org/nrw/ausbildungsvorbereitung-evaluation",
                D(2023, 6, 30),
            ),
            (
                "Programme brochure",
                "https://example.org/nrw/ausbildungsvorbereitung-brochure.pdf",
                D(2017, 2, 1),
            ),
        ],
    },
    {
        "slug": "staying-in-work-after-illness-scotland",
        "title": "Staying in work after illness",
        "summary": (
            "Case managers help employees on long-term sick leave, and their employers, plan a "
            "gradual return to work, with adjustments agreed early rather than after the job "
            "has been lost."
        ),
        "description": (
            "People who are off work with a health condition for a long time are at high risk of "
            "never returning. The service offers a case manager who talks to the employee, the "
            "employer and, with consent, the health professionals involved.\n\n"
            "Together they agree a phased return, adjustments to tasks or hours, and a review "
            "date. The service also advises small employers who have no occupational health "
            "support of their own."
        ),
        "lead": "scottish-health-and-work-service",
        "regions": ["scotland"],
        "target_groups": ["people-outside-the-labour-market", "older-workers"],
        "themes": ["retention-in-work", "guidance-and-counselling"],
        "funding": ["national", "own-funds"],
        "kind": "service",
        "level": "national",
        "start_year": 2018,
        "resources": (
            "Case managers with occupational health or vocational rehabilitation training, and "
            "agreements with health services on information sharing."
        ),
        "results": (
            "More employees returned to their own employer, and employers reported fewer "
            "disputes about adjustments. The advice line became the most used part of the "
            "service for small firms."
        ),
        "success_factors": (
            "Early contact, before the employment relationship breaks down; a case manager both "
            "sides see as neutral."
        ),
        "challenges": (
            "Referrals came too late at first, because employers waited for sick notes to run "
            "out. Promoting self-referral by employees brought contact forward."
        ),
        "evidence_level": "evaluated",
        "evaluation_note": "Evaluated by the service's own research team with employer surveys.",
        "transferability": (
            "Needs cooperation between employment and health services and a legal framework for "
            "phased returns."
        ),
        "key_lesson": "The best time to save a job is before anyone has written it off.",
        "public_contact_email": "healthandwork@example.org",
        "status": "published",
        "published_on": D(2026, 5, 27),
        "last_reviewed_on": D(2026, 5, 27),
        "references": [
            (
                "Service evaluation summary",
                "https://example.org/scotland/health-and-work-evaluation",
                D(2022, 11, 15),
            ),
        ],
    },
    {
        "slug": "early-return-to-work-dialogue-southern-denmark",
        "title": "Early dialogue on returning to work",
        "original_title": "Tidlig dialog om tilbagevenden til arbejdet",
        "original_language": "da",
        "summary": (
            "Job centres contact employees on sick leave and their employers within the first "
            "weeks to agree a return plan, adapting the Scottish case-management approach to "
            "municipal job centres."
        ),
        "description": (
            "After a study visit to Scotland, the municipal job centres adapted the case "
            "management approach to the Danish system, where municipalities already follow up "
            "sick leave. The change was timing: a joint meeting with the employee and employer "
            "takes place early, not when benefits are about to end.\n\n"
            "The meeting produces a short written plan with tasks the employee can do now, "
            "adjustments, and a date to meet again. The plan is also used for people who lost "
            "their job while ill, to keep them close to the labour market."
        ),
        "lead": "southern-denmark-job-centres",
        "regions": ["southern-denmark"],
        "target_groups": ["people-outside-the-labour-market", "long-term-unemployed"],
        "themes": ["retention-in-work", "employer-engagement"],
        "funding": ["national"],
        "kind": "method",
        "level": "local",
        "start_year": 2022,
        "adapted_from": "staying-in-work-after-illness-scotland",
        "resources": (
            "Job centre caseworkers' time, a short plan template, and training in leading "
            "three-party meetings."
        ),
        "results": (
            "Caseworkers report that plans agreed early are easier to follow than those agreed "
            "late, and employers value a single contact at the job centre."
        ),
        "success_factors": (
            "The legal duty to follow up sick leave already existed; only timing changed."
        ),
        "challenges": (
            "Caseworkers' workloads made early meetings hard to schedule. Dropping other, less "
            "useful contacts freed the time."
        ),
        "evidence_level": "monitored",
        "evaluation_note": "Meeting dates and outcomes are recorded in the case system.",
        "transferability": (
            "Easiest where public services already have a duty to follow up sick leave."
        ),
        "key_lesson": "Copy the principle, not the organisation chart.",
        "contact_name": "Mette Sørensen",
        "contact_email": "mette.sorensen@example.org",
        "contact_email_is_public": True,
        "status": "published",
        "published_on": D(2026, 6, 10),
        "last_reviewed_on": D(2026, 6, 10),
    },
    {
        "slug": "digital-skills-clubs-older-jobseekers-uusimaa",
        "title": "Digital skills clubs for older jobseekers",
        "original_title": "Digitaitokerhot ikääntyville työnhakijoille",
        "original_language": "fi",
        "summary": (
            "Weekly drop-in clubs where older jobseekers learn the digital skills job hunting "
            "now requires, from online applications to video interviews, with volunteers and "
            "peers rather than in a classroom."
        ),
        "description": (
            "Job applications, interviews and much of everyday work have moved online, and "
            "jobseekers over 55 were often left behind. The adult education centre opened "
            "informal clubs in libraries and community centres.\n\n"
            "Participants bring their own questions: setting up an e-mail account, using the "
            "employment service's online portal, preparing for a video interview. Trained "
            "volunteers and former participants help. Those who want more can move on to short "
            "certified courses."
        ),
        "lead": "uusimaa-adult-education-centre",
        "regions": ["uusimaa"],
        "target_groups": ["older-workers", "long-term-unemployed"],
        "themes": ["digital-skills", "upskilling-and-reskilling"],
        "funding": ["esf-plus", "own-funds"],
        "kind": "project",
        "level": "local",
        "start_year": 2020,
        "end_year": 2023,
        "resources": (
            "A coordinator, trained volunteers, rooms in libraries and community centres, and a "
            "pool of loan laptops."
        ),
        "results": (
            "Participants became more confident with online job applications, and some moved "
            "into certified digital skills courses. The libraries kept running clubs after the "
            "project ended."
        ),
        "success_factors": (
            "No registration, no tests; meeting in familiar places; peers who had the same "
            "difficulties a few months earlier."
        ),
        "challenges": (
            "The pandemic forced the first clubs online, which excluded exactly the people they "
            "were meant for. Telephone support bridged the gap until the clubs could meet again."
        ),
        "evidence_level": "monitored",
        "evaluation_note": "Attendance and participants' own assessments were collected.",
        "transferability": "Cheap to start anywhere with libraries and willing volunteers.",
        "key_lesson": "Meet people where they already are.",
        "public_contact_email": "digiclubs@example.org",
        "status": "published",
        "published_on": D(2026, 6, 24),
        "last_reviewed_on": D(2026, 6, 24),
        "references": [
            (
                "Volunteer handbook",
                "https://example.org/uusimaa/digiclubs-volunteer-handbook",
                D(2021, 3, 1),
            ),
        ],
    },
    {
        "slug": "work-placements-abroad-rural-youth-andalusia",
        "title": "Work placements abroad for young people from rural areas",
        "original_title": "Prácticas en el extranjero para jóvenes del medio rural",
        "original_language": "es",
        "summary": (
            "Young people from rural areas who are not in employment, education or training "
            "prepare at home, spend a supervised work placement in another EU Member State, and "
            "receive support on their return, following the ALMA model."
        ),
        "description": (
            "The programme follows the three phases of ALMA: an intensive preparation in the "
            "home region, a supervised work-related stay in another EU Member State with "
            "mentoring, and continued support after return to find a job or a training "
            "course.\n\n"
            "It concentrates on rural municipalities, where young people have the fewest local "
            "opportunities and rarely take part in mobility schemes. Groups travel together, "
            "which lowers the barrier for participants who have never been abroad."
        ),
        "lead": "andalusia-regional-employment-service",
        "regions": ["andalusia"],
        "target_groups": ["neets", "young-people"],
        "themes": [
            "learning-mobility",
            "work-based-learning-and-apprenticeships",
            "guidance-and-counselling",
        ],
        "funding": ["alma", "esf-plus"],
        "kind": "programme",
        "level": "regional",
        "start_year": 2023,
        "resources": (
            "Sending and receiving organisations, mentors in both countries, and travel and "
            "subsistence costs for participants and accompanying staff."
        ),
        "results": (
            "Participants returned with work experience and more confidence, and several "
            "started vocational training. Host organisations asked to receive further groups."
        ),
        "success_factors": (
            "Travelling as a group; mentors who stay in contact during the whole cycle; a "
            "follow-up phase that is planned before departure."
        ),
        "challenges": (
            "Finding host companies willing to take participants with little experience was "
            "harder than expected. Working with receiving organisations that had their own "
            "employer networks solved it."
        ),
        "evidence_level": "monitored",
        "evaluation_note": "Participants' situation is recorded at return and six months later.",
        "transferability": (
            "Regions in EU Member States can use ALMA through their ESF+ programme; the rural "
            "focus suits regions with scattered small towns."
        ),
        "key_lesson": "A first trip abroad is easier together than alone.",
        "public_contact_email": "movilidad@example.org",
        "contact_name": "Lucía Moreno",
        "contact_email": "lucia.moreno@example.org",
        "contact_email_is_public": False,
        "status": "published",
        "published_on": D(2026, 7, 8),
        "last_reviewed_on": D(2026, 7, 8),
        "references": [
            (
                "ALMA: an active inclusion initiative for young people (European Commission)",
                "https://ec.europa.eu/social/main.jsp?catId=1549&langId=en",
                None,
            ),
        ],
    },
    {
        "slug": "cross-border-apprenticeships-western-pyrenees",
        "title": "Cross-border apprenticeships in the western Pyrenees",
        "original_title": "Mugaz gaindiko prestakuntza duala Pirinioetan",
        "original_language": "eu",
        "summary": (
            "Apprentices from Navarre and Nouvelle-Aquitaine complete part of their in-company "
            "training on the other side of the border, with language preparation and mutual "
            "recognition of the period abroad."
        ),
        "description": (
            "Firms on both sides of the border look for the same skills but recruit in "
            "separate labour markets. The project let apprentices spend part of their training "
            "in a company across the border, with the period recognised by their home "
            "school.\n\n"
            "Training centres on both sides aligned parts of their curricula, organised "
            "language courses in Spanish, French and Basque, and arranged transport and "
            "accommodation. Employers received guidance on hosting foreign apprentices."
        ),
        "lead": "navarre-vocational-training-network",
        "partners": ["nouvelle-aquitaine-apprentice-training-centre"],
        "regions": ["navarre", "nouvelle-aquitaine"],
        "target_groups": ["young-people", "neets"],
        "themes": ["work-based-learning-and-apprenticeships", "learning-mobility"],
        "funding": ["interreg"],
        "kind": "project",
        "level": "cross_border",
        "start_year": 2019,
        "end_year": 2022,
        "resources": (
            "Coordinators in both training centres, language teachers, and a budget for travel "
            "and accommodation."
        ),
        "results": (
            "Apprentices gained experience in a second labour market and language, and several "
            "host firms recruited their former apprentices after qualification."
        ),
        "success_factors": (
            "Agreement on recognition before the first apprentice travelled; short distances "
            "that allowed weekly trips home."
        ),
        "challenges": (
            "Different rules on apprentice pay and insurance in the two countries took most of "
            "the first year to settle."
        ),
        "evidence_level": "evaluated",
        "evaluation_note": (
            "Evaluated at the end of the project by the partners with an external expert."
        ),
        "transferability": (
            "Suits any border area with commuting distance between training centres and "
            "employers; the legal groundwork is the main effort."
        ),
        "key_lesson": "Settle recognition first; the rest is logistics.",
        "public_contact_email": "mugaz@example.org",
        "status": "published",
        "published_on": D(2026, 7, 22),
        "last_reviewed_on": D(2026, 7, 22),
        "identifiers": [("other", "Interreg POCTEFA EFA-EXAMPLE-19")],
    },
    {
        "slug": "digital-skills-women-returning-to-work-catalonia",
        "title": "Digital skills for women returning to work",
        "original_title": "Competències digitals per a dones que tornen a la feina",
        "original_language": "ca",
        "summary": (
            "Women who left work to care for children or relatives rebuild their digital and "
            "job-search skills in small groups, with childcare during sessions and coaching on "
            "applications."
        ),
        "description": (
            "After years away from paid work, many women find that both the tools of work and "
            "the way of applying for jobs have changed. The association runs courses in "
            "neighbourhood centres, timed around school hours and with childcare on site.\n\n"
            "Courses combine office software, online collaboration tools and job portals with "
            "individual coaching on CVs and interviews. The last weeks include visits to local "
            "employers and, where possible, short work trials."
        ),
        "lead": "catalan-womens-employment-association",
        "regions": ["catalonia"],
        "target_groups": ["women", "long-term-unemployed"],
        "themes": ["digital-skills", "guidance-and-counselling", "upskilling-and-reskilling"],
        "funding": ["erdf", "regional"],
        "kind": "project",
        "level": "local",
        "start_year": 2021,
        "end_year": 2024,
        "resources": (
            "Trainers, a career coach, childcare staff, equipped rooms in neighbourhood centres "
            "and contacts with local employers."
        ),
        "results": (
            "Participants finished with practical digital skills and a current CV, and a number "
            "found work or started further training within months."
        ),
        "success_factors": "Childcare on site and hours that fit school times.",
        "challenges": (
            "Some participants lacked a computer at home to practise. A laptop loan scheme, "
            "added in the second year, helped."
        ),
        "evidence_level": "evaluated",
        "evaluation_note": "Evaluated with participant follow-up surveys by the association.",
        "transferability": (
            "Needs neighbourhood venues and a childcare budget; the course content is generic."
        ),
        "key_lesson": "Remove the practical barrier first; motivation is rarely the problem.",
        "contact_name": "Laia Ferrer",
        "contact_email": "laia.ferrer@example.org",
        "contact_email_is_public": True,
        "status": "published",
        "published_on": D(2026, 8, 5),
        "last_reviewed_on": D(2026, 8, 5),
        "references": [
            (
                "Course materials (Catalan)",
                "https://example.org/catalonia/competencies-digitals",
                D(2022, 9, 1),
            ),
        ],
    },
    {
        "slug": "mentoring-long-term-unemployed-euskadi",
        "title": "Mentoring for long-term unemployed people",
        "original_title": "Mentoretza epe luzeko langabeentzat",
        "original_language": "eu",
        "summary": (
            "Volunteer mentors from social economy enterprises accompany long-term unemployed "
            "people for several months, opening their own networks and introducing them to "
            "employers."
        ),
        "description": (
            "Long-term unemployment often comes with a shrinking network: fewer people who hear "
            "of vacancies or can vouch for someone. The social economy network pairs each "
            "participant with a mentor who works in a cooperative or social enterprise.\n\n"
            "Mentor and participant meet regularly, set goals together and use the mentor's "
            "contacts for informational interviews and work trials. Mentors receive a short "
            "training and meet as a group to share difficulties."
        ),
        "lead": "euskadi-social-economy-network",
        "regions": ["basque-country"],
        "target_groups": ["long-term-unemployed", "people-outside-the-labour-market"],
        "themes": ["guidance-and-counselling", "employer-engagement"],
        "funding": ["regional", "own-funds"],
        "kind": "service",
        "level": "local",
        "start_year": 2024,
        "resources": "A part-time coordinator, volunteer mentors, and a small training budget.",
        "results": (
            "Too early to report outcomes; the first pairs completed their mentoring in 2025."
        ),
        "success_factors": "Mentors from enterprises that share the participants' local area.",
        "challenges": (
            "Matching took longer than planned, because mentors were concentrated in a few sectors."
        ),
        "evidence_level": "not_evaluated",
        "evaluation_note": "An evaluation is planned once more pairs have completed.",
        "transferability": "Needs a network of enterprises willing to release staff time.",
        "key_lesson": "A job search needs a network as much as a CV.",
        "public_contact_email": "mentoretza@example.org",
        "status": "published",
        "published_on": D(2026, 8, 19),
        "last_reviewed_on": D(2026, 8, 19),
    },
    {
        "slug": "senior-workers-mentor-apprentices-trondelag",
        "title": "Senior workers as mentors for apprentices",
        "original_title": "Seniorer som mentorer for lærlinger",
        "original_language": "nb",
        "summary": (
            "Experienced workers approaching retirement train as mentors for apprentices in "
            "their company, which keeps their knowledge in the firm and gives them a reason to "
            "stay in work longer."
        ),
        "description": (
            "Companies face both a wave of retirements and difficulty keeping apprentices. The "
            "vocational schools train senior workers as mentors, with a reduced production load "
            "during mentoring periods.\n\n"
            "Mentors meet their apprentice weekly, follow the training plan with the school, "
            "and meet other mentors each term. The role is designed as a last career step that "
            "makes staying on attractive."
        ),
        "lead": "trondelag-vocational-schools",
        "regions": ["trondelag"],
        "target_groups": ["older-workers", "young-people"],
        "themes": ["work-based-learning-and-apprenticeships", "retention-in-work"],
        "funding": ["regional"],
        "kind": "method",
        "level": "regional",
        "start_year": 2023,
        "resources": "Mentor training by the schools and employers' agreement to reduce workload.",
        "results": "No results collected yet; first mentor cohorts are active.",
        "success_factors": "Employers accepting lower output from mentors during mentoring.",
        "challenges": (
            "Small firms could not spare a senior worker; mentors shared between firms are "
            "being tried."
        ),
        "evidence_level": "not_evaluated",
        "transferability": "Fits any apprenticeship system with an ageing workforce.",
        "key_lesson": "Experience leaves with retirement unless someone is there to receive it.",
        "contact_name": "Ingrid Haugen",
        "contact_email": "ingrid.haugen@example.org",
        "contact_email_is_public": False,
        "status": "published",
        "published_on": D(2026, 9, 2),
        "last_reviewed_on": D(2026, 9, 2),
    },
    {
        "slug": "vocational-swedish-newly-arrived-adults",
        "title": "Vocational Swedish for newly arrived adults",
        "original_title": "Yrkessvenska för nyanlända vuxna",
        "original_language": "sv",
        "summary": (
            "Newly arrived adults learn Swedish and a vocation at the same time, in combined "
            "courses where language teachers and vocational teachers plan and teach together."
        ),
        "description": (
            "Learning the language first and a vocation afterwards takes years. The adult "
            "education consortium combines them: courses in care, cleaning, transport and "
            "construction are taught by a vocational teacher and a language teacher "
            "together.\n\n"
            "Workplace learning periods are part of every course, and supervisors at the "
            "workplaces get a short introduction to supporting colleagues who are still "
            "learning Swedish."
        ),
        "lead": "vastra-gotaland-adult-education",
        "regions": ["vastra-gotaland"],
        "target_groups": ["migrants-and-refugees", "adults-with-low-formal-education"],
        "themes": ["upskilling-and-reskilling", "work-based-learning-and-apprenticeships"],
        "funding": ["national", "esf-plus"],
        "kind": "programme",
        "level": "regional",
        "start_year": 2015,
        "end_year": 2021,
        "resources": (
            "Paired teachers with joint planning time, workplace learning placements, and a "
            "short training for workplace supervisors."
        ),
        "results": (
            "Participants reached a vocational qualification faster than through sequential "
            "courses, and the combined format became the standard way of teaching in several "
            "municipalities of the region."
        ),
        "success_factors": (
            "Joint planning time for the two teachers was protected in the timetable."
        ),
        "challenges": (
            "Participants with little schooling needed more time than the course allowed; an "
            "optional preparatory module was added."
        ),
        "evidence_level": "independently_evaluated",
        "evaluation_note": "Evaluated by an independent research group comparing course formats.",
        "transferability": (
            "Requires adult education funding that allows two teachers in one classroom."
        ),
        "key_lesson": "Learn the language through the work, not before it.",
        "public_contact_email": "yrkessvenska@example.org",
        "status": "published",
        "published_on": D(2026, 9, 16),
        "last_reviewed_on": D(2026, 9, 16),
        "references": [
            (
                "Research report on combined courses",
                "https://example.org/vastra-gotaland/yrkessvenska-report",
                D(2022, 4, 8),
            ),
        ],
    },
    {
        "slug": "regional-skills-partnership-manufacturing-lombardy",
        "title": "Regional skills partnership for manufacturing",
        "original_title": "Partenariato regionale per le competenze nella manifattura",
        "original_language": "it",
        "summary": (
            "Manufacturers, vocational schools and the region plan training together: firms "
            "describe the skills they will need, schools adapt courses, and workers with low "
            "qualifications get priority for upskilling."
        ),
        "description": (
            "Manufacturing firms struggled to find technicians while many of their own workers "
            "had no upper secondary qualification. The alliance brings firms and the consortium "
            "of vocational schools to one table with the region twice a year.\n\n"
            "Firms share anonymised forecasts of skills needs; schools turn them into modular "
            "courses open to employed adults, scheduled around shifts. Firms commit to releasing "
            "workers for training and to recognising the new qualifications in pay scales."
        ),
        "lead": "lombardy-manufacturing-skills-alliance",
        "partners": ["lombardy-vocational-schools"],
        "regions": ["lombardy"],
        "target_groups": ["adults-with-low-formal-education", "older-workers"],
        "themes": [
            "regional-skills-partnerships",
            "upskilling-and-reskilling",
            "employer-engagement",
        ],
        "funding": ["regional", "own-funds"],
        "kind": "policy",
        "level": "regional",
        "start_year": 2022,
        "resources": (
            "A secretariat in the alliance, schools' time to develop modules, and employers' "
            "paid training time."
        ),
        "results": (
            "New modular courses in automation and maintenance opened to employed adults, and "
            "participating firms recognised them in their pay scales."
        ),
        "success_factors": "Employers committing paid training time, not only advice.",
        "challenges": (
            "Smaller firms found the forecasting exercise too demanding; a simplified template "
            "was introduced."
        ),
        "evidence_level": "monitored",
        "evaluation_note": "The alliance reports course participation to the region each year.",
        "transferability": (
            "Needs an industry body able to speak for many firms and a region willing to "
            "co-fund modular adult courses."
        ),
        "key_lesson": "Train the workforce you have before searching for the one you lack.",
        "public_contact_email": "competenze@example.org",
        "status": "published",
        "published_on": D(2026, 10, 1),
        "last_reviewed_on": D(2026, 10, 1),
    },
    {
        "slug": "european-peer-learning-guidance-neets",
        "title": "European peer learning on guidance for NEETs",
        "summary": (
            "Guidance practitioners from three regions visited each other's services, compared "
            "how they reach young people not in employment, education or training, and "
            "published a shared toolkit of outreach methods."
        ),
        "description": (
            "Guidance services everywhere find that the young people who most need them never "
            "come through the door. In this partnership, practitioners from Andalusia, Uusimaa "
            "and Tuscany spent a week in each other's services, observing outreach work on "
            "the street, in schools and online.\n\n"
            "The partners collected the methods that worked into a toolkit, tested them at "
            "home, and revised them after a final peer review meeting."
        ),
        "lead": "european-peer-network-youth-guidance",
        "partners": [
            "andalusia-regional-employment-service",
            "uusimaa-adult-education-centre",
            "tuscany-regional-employment-service",
        ],
        "regions": ["andalusia", "uusimaa", "tuscany"],
        "target_groups": ["neets"],
        "themes": ["guidance-and-counselling", "learning-mobility"],
        "funding": ["erasmus-plus"],
        "kind": "project",
        "level": "european",
        "start_year": 2020,
        "end_year": 2023,
        "resources": ("Staff time for study visits, travel costs, and an editor for the toolkit."),
        "results": (
            "A toolkit of outreach methods in four languages, and outreach work introduced in "
            "services that had relied on walk-in clients."
        ),
        "success_factors": "Practitioners, not managers, did the visits.",
        "challenges": (
            "The pandemic postponed the visits by a year; online exchanges kept the group "
            "together but could not replace observing practice."
        ),
        "evidence_level": "evaluated",
        "evaluation_note": "Evaluated through the programme's final report and a partner survey.",
        "transferability": "The toolkit is free to use; peer visits need a small travel budget.",
        "key_lesson": "Go where young people are; do not wait for them to find you.",
        "contact_name": "Elena Ruiz",
        "contact_email": "elena.ruiz@example.org",
        "contact_email_is_public": True,
        "status": "published",
        "published_on": D(2026, 10, 14),
        "last_reviewed_on": D(2026, 10, 14),
        "references": [
            (
                "Outreach toolkit",
                "https://example.org/peer-network/outreach-toolkit",
                D(2023, 8, 31),
            ),
        ],
        "identifiers": [("erasmus_plus", "2020-1-ES01-KA204-000000001")],
    },
    {
        "slug": "employer-networks-inclusive-recruitment-flanders",
        "title": "Employer networks for inclusive recruitment",
        "original_title": "Werkgeversnetwerken voor inclusief aanwerven",
        "original_language": "nl",
        "summary": (
            "Local employer networks share recruiters' experience of hiring people with a "
            "migrant background, a disability or a long gap in their CV, and run joint "
            "recruitment days with the employment service."
        ),
        "description": (
            "Many employers want to recruit more widely but do not know how to start, or had one "
            "bad experience. The network organises regular meetings where HR staff from "
            "companies of different sizes share what worked: skills-based selection, adjusted "
            "interviews, onboarding buddies.\n\n"
            "Members also run joint recruitment days with the public employment service, where "
            "candidates meet several employers in one place, and can call on the network for "
            "advice on workplace adjustments."
        ),
        "lead": "flemish-inclusive-recruitment-network",
        "regions": ["flanders"],
        "target_groups": [
            "migrants-and-refugees",
            "persons-with-disabilities",
            "long-term-unemployed",
        ],
        "themes": ["employer-engagement", "inclusive-and-supported-employment"],
        "funding": ["regional"],
        "kind": "service",
        "level": "regional",
        "start_year": 2018,
        "resources": "A network coordinator and meeting rooms hosted in turn by member companies.",
        "results": (
            "Member companies changed selection procedures, for example dropping diploma "
            "requirements that the job did not need."
        ),
        "success_factors": "Employers learning from other employers, not from consultants.",
        "challenges": "Keeping small companies active in the network when they have no HR staff.",
        "evidence_level": "monitored",
        "evaluation_note": "Membership and recruitment days are monitored.",
        "transferability": "Needs an organisation that employers trust to host the network.",
        "key_lesson": "Employers listen to employers.",
        "public_contact_email": "netwerk@example.org",
        "status": "published",
        "published_on": D(2026, 10, 28),
        "last_reviewed_on": D(2026, 10, 28),
    },
    {
        "slug": "job-shadowing-abroad-adult-educators-lower-austria",
        "title": "Job shadowing abroad for adult educators",
        "original_title": "Job Shadowing im Ausland für Erwachsenenbildnerinnen und -bildner",
        "original_language": "de",
        "summary": (
            "Teachers and counsellors in adult education spend short periods with colleagues in "
            "Sweden and Finland to learn how they teach adults with low formal education, and "
            "bring the methods home."
        ),
        "description": (
            "Adult educators rarely see how colleagues elsewhere work. The association sends "
            "small groups of staff for job shadowing with partner providers in Västra Götaland "
            "and Uusimaa, focused on teaching adults with little schooling.\n\n"
            "Each participant chooses one method to try at home and presents the result to "
            "colleagues, so that the learning spreads beyond those who travelled."
        ),
        "lead": "lower-austria-adult-education",
        "partners": ["vastra-gotaland-adult-education", "uusimaa-adult-education-centre"],
        "regions": ["lower-austria"],
        "target_groups": ["adults-with-low-formal-education"],
        "themes": ["learning-mobility", "upskilling-and-reskilling"],
        "funding": ["erasmus-plus"],
        "kind": "project",
        "level": "regional",
        "start_year": 2023,
        "end_year": 2025,
        "resources": "Erasmus+ mobility grants and cover for staff who travel.",
        "results": (
            "Methods tried after the visits include combined language and vocational teaching "
            "and drop-in digital sessions."
        ),
        "success_factors": "The obligation to try one method and report back.",
        "challenges": "Finding cover for teachers during term time.",
        "evidence_level": "monitored",
        "evaluation_note": "Participants' reports are collected after each mobility.",
        "transferability": "Any adult education provider can apply for Erasmus+ mobility funding.",
        "key_lesson": "One method tried at home is worth ten admired abroad.",
        "contact_name": "Stefan Huber",
        "contact_email": "stefan.huber@example.org",
        "contact_email_is_public": False,
        "status": "published",
        "published_on": D(2026, 11, 11),
        "last_reviewed_on": D(2026, 11, 11),
        "identifiers": [("erasmus_plus", "2023-1-AT01-KA122-ADU-000000001")],
    },
    # --- The workflow: a draft, a practice waiting for review, an archived one ----------------
    {
        "slug": "social-enterprise-kitchens-first-job-andalusia",
        "title": "Social enterprise kitchens as a first job",
        "original_title": "Cocinas de empresa social como primer empleo",
        "original_language": "es",
        "summary": (
            "Long-term unemployed people and newly arrived migrants train and work in social "
            "enterprise kitchens for a year before moving to jobs in restaurants and catering."
        ),
        "lead": "andalusian-social-kitchens",
        "regions": ["andalusia"],
        "target_groups": ["long-term-unemployed", "migrants-and-refugees"],
        "themes": ["work-based-learning-and-apprenticeships"],
        "funding": ["own-funds"],
        "kind": "project",
        "level": "local",
        "start_year": 2025,
        "status": "draft",
    },
    {
        "slug": "mentoring-women-back-into-technical-jobs-nrw",
        "title": "Mentoring women back into technical jobs",
        "original_title": "Mentoring für den Wiedereinstieg von Frauen in technische Berufe",
        "original_language": "de",
        "summary": (
            "Women with a technical qualification who left work for family reasons refresh "
            "their skills in short courses and are paired with a mentor in a technical company."
        ),
        "description": (
            "The training centre combines refresher modules in current technology with "
            "mentoring by women engineers and technicians from local firms, and part-time "
            "work trials."
        ),
        "lead": "ruhr-vocational-training-centre",
        "regions": ["north-rhine-westphalia"],
        "target_groups": ["women"],
        "themes": ["upskilling-and-reskilling", "guidance-and-counselling"],
        "funding": ["esf-plus"],
        "kind": "programme",
        "level": "regional",
        "start_year": 2024,
        "evidence_level": "not_evaluated",
        "contact_name": "Sabine Wolf",
        "contact_email": "sabine.wolf@example.org",
        "status": "submitted",
        "submitted_on": D(2026, 11, 18),
    },
    {
        "slug": "community-job-clubs-scottish-borders",
        "title": "Community job clubs",
        "summary": (
            "Volunteer-run job clubs in village halls helped unemployed people search and apply "
            "for jobs online. Replaced by the region's digital inclusion service."
        ),
        "description": (
            "The clubs met weekly in village halls and libraries, with volunteers helping "
            "members use computers to search for jobs and write applications. They closed when "
            "a regional digital inclusion service took over the same role."
        ),
        "lead": "scottish-community-learning-partnership",
        "regions": ["scotland"],
        "target_groups": ["long-term-unemployed"],
        "themes": ["guidance-and-counselling", "digital-skills"],
        "funding": ["own-funds"],
        "kind": "service",
        "level": "local",
        "start_year": 2012,
        "end_year": 2016,
        "challenges": (
            "Depending entirely on volunteers made the clubs fragile: when key volunteers moved "
            "on, clubs closed."
        ),
        "evidence_level": "not_evaluated",
        "key_lesson": "A service run only on goodwill lasts only as long as the volunteers.",
        "status": "archived",
        "published_on": D(2025, 11, 20),
        "last_reviewed_on": D(2026, 6, 1),
    },
]
