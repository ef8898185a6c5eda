"""Seeds the target groups, themes and funding sources every catalogue starts with."""

from django.db import migrations

TARGET_GROUPS = [
    ("NEETs", "neets", "Young people not in education, employment or training."),
    ("Persons with disabilities", "persons-with-disabilities",
     "People with physical, sensory, intellectual or psychosocial disabilities."),
    ("Migrants and refugees", "migrants-and-refugees",
     "Newly arrived migrants, refugees and asylum seekers, and people with a migrant background."),
    ("Long-term unemployed", "long-term-unemployed",
     "People who have been unemployed for twelve months or more."),
    ("Adults with low formal education", "adults-with-low-formal-education",
     "Adults with at most lower secondary education, or with outdated qualifications."),
    ("Older workers", "older-workers", "Workers aged 55 and over, and keeping them in work."),
    ("People outside the labour market", "people-outside-the-labour-market",
     "People who are neither employed nor looking for work, for example after long illness."),
    ("Young people", "young-people", "Young people in general, in school or in transition to work."),
    ("Women", "women", "Women facing barriers to employment or career progression."),
]

THEMES = [
    ("Upskilling and reskilling", "upskilling-and-reskilling",
     "Helping people gain new skills or update the ones they have."),
    ("Learning mobility", "learning-mobility",
     "Stays abroad for learning or work experience, such as ALMA or Erasmus+."),
    ("Inclusive and supported employment", "inclusive-and-supported-employment",
     "Jobs adapted to the person, with support at the workplace."),
    ("Guidance and counselling", "guidance-and-counselling",
     "Career guidance, coaching and counselling."),
    ("Work-based learning and apprenticeships", "work-based-learning-and-apprenticeships",
     "Learning in the workplace, apprenticeships and traineeships."),
    ("Employer engagement", "employer-engagement",
     "Working with employers to recruit and keep people from under-represented groups."),
    ("Validation of prior learning", "validation-of-prior-learning",
     "Recognising skills gained outside formal education."),
    ("Retention in work", "retention-in-work", "Helping people stay in work as their needs change."),
    ("Digital skills", "digital-skills", "Basic and advanced digital skills."),
    ("Regional skills partnerships", "regional-skills-partnerships",
     "Regions, employers and training providers planning skills together."),
]

FUNDING_SOURCES = [
    ("ESF+", "esf-plus", "eu", "European Social Fund Plus."),
    ("Erasmus+", "erasmus-plus", "eu", "The EU programme for education, training, youth and sport."),
    ("ALMA", "alma", "eu", "Aim, Learn, Master, Achieve: the ESF+ mobility initiative for NEETs."),
    ("ERDF", "erdf", "eu", "European Regional Development Fund."),
    ("Interreg", "interreg", "eu", "European territorial cooperation."),
    ("National funds", "national", "national", "Funding from a national government or agency."),
    ("Regional funds", "regional", "regional", "Funding from a regional or local authority."),
    ("Own funds", "own-funds", "own", "The organisation's own budget."),
]


def seed(apps, schema_editor):
    TargetGroup = apps.get_model("practices", "TargetGroup")
    Theme = apps.get_model("practices", "Theme")
    FundingSource = apps.get_model("practices", "FundingSource")
    for name, slug, description in TARGET_GROUPS:
        TargetGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    for name, slug, description in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})
    for name, slug, scope, description in FUNDING_SOURCES:
        FundingSource.objects.update_or_create(
            slug=slug, defaults={"name": name, "scope": scope, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
