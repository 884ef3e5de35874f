"""Urgency on the rubric's hard cases: systems reporting trouble, people behind tools, decoys."""

import datetime as dt
import zoneinfo

from digests.models import Urgency
from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze, features_for
from digests.summarize.authenticity import Authenticity
from digests.summarize.model import UrgencyModel
from digests.summarize.notices import person_behind
from digests.summarize.urgency import classify_urgency
from tests.digests.factories import ME, gmail_message, mail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RECEIVED = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)  # Monday 09:15 in Berlin
CONTEXT = SummaryContext(now=RECEIVED + dt.timedelta(hours=1), zone=BERLIN, me=ME)


def passing(domain: str) -> dict[str, str]:
    return {
        "Authentication-Results": f"mx.google.com; dkim=pass header.i=@{domain}; spf=pass "
        f"smtp.mailfrom={domain}; dmarc=pass header.from={domain}"
    }


def parsed(body: str, **options):
    return parse_message(gmail_message(mail(body, **options), received=RECEIVED))


def analysis_of(body: str, **options):
    return analyze(parsed(body, **options), CONTEXT)


def test_a_domain_lapsing_in_25_hours_after_a_failed_renewal_is_urgent():
    found = analysis_of(
        "Hello,\n\nAuto-renew failed for example-status.io because the card on file was "
        "declined. The domain expires in 25 hours; after that the website and email on it "
        "stop working.\n\nRenew now: https://registrar.example/domains",
        subject="Domain example-status.io expires in 25 hours",
        sender="Registrar <support@registrar.example>",
        headers=passing("registrar.example"),
    )
    assert found.urgency == Urgency.URGENT
    assert found.reasons == ("a system reports trouble of yours within a day",)


def test_a_token_found_in_public_and_revoked_is_a_security_alert_for_the_reader():
    found = analysis_of(
        "GitHub found a personal access token belonging to your account in a public commit "
        "and revoked it. Review your security log for activity you don't recognize.",
        subject="[GitHub] Your personal access token was found in a public repository",
        sender="GitHub <noreply@github.com>",
        headers=passing("github.com") | {"Auto-Submitted": "auto-generated"},
    )
    assert (found.urgency, found.suspicious) == (Urgency.URGENT, False)


def test_recruiter_outreach_is_low_even_with_a_date():
    found = analysis_of(
        "Hi, I came across your profile and I'm working on several senior engineering roles "
        "at a Series B startup. Could we talk this week?",
        subject="Senior engineering roles",
        sender="Jane Roe <jane@talentfirm.example>",
    )
    assert (found.urgency, found.reasons) == (Urgency.LOW, ("recruiter outreach",))


def test_a_recruiter_hiring_for_a_role_asks_nothing_of_the_reader():
    found = analysis_of(
        "Hi, I'm hiring a Head of Product for Contoso's platform team. Open to a 15-minute "
        "chat this week?",
        subject="Opportunity at Contoso - Head of Product",
        sender="Dana Whitfield <dana@talentbridge.example>",
    )
    assert (found.urgency, found.reasons) == (Urgency.LOW, ("recruiter outreach",))
    assert found.action_items == ()


def test_a_headhunter_on_a_confidential_search_is_recruiter_outreach():
    found = analysis_of(
        "Dear Mr Keller,\n\nI'm supporting a Geneva private bank in a confidential search for a "
        "Head of Compliance. Your background in sanctions and wealth management stood out. "
        "Would you be open to a short, discreet call in the coming weeks?",
        subject="Head of Compliance - confidential",
        sender="Charlotte Meier <charlotte@alpine-search.example>",
    )
    assert (found.urgency, found.action_items) == (Urgency.LOW, ())


def test_a_date_in_passing_does_not_date_an_undated_question():
    found = analysis_of(
        "Hi,\n\nThe samples came in today. Which way do you want to go for the lobby joinery, "
        "spotted gum or blackbutt? No rush, the package doesn't go out to tender until August.",
        subject="Lobby joinery samples",
        sender="Priya Nair <priya@studio.example>",
    )
    later = dt.timedelta(days=3)
    found = analyze(
        parsed(
            "Hi,\n\nThe samples came in today. Which way do you want to go for the lobby "
            "joinery, spotted gum or blackbutt? No rush, the package doesn't go out to tender "
            "until August.",
            subject="Lobby joinery samples",
            sender="Priya Nair <priya@studio.example>",
        ),
        SummaryContext(now=RECEIVED + later, zone=BERLIN, me=ME),
    )
    assert found.urgency == Urgency.MEDIUM
    assert [item.due for item in found.action_items] == [None]


def test_immediately_thinking_of_you_and_a_promo_case_are_no_pressure():
    signals = features_for(
        parsed(
            "Hi,\n\nA new grad joins the platform team on August 3 and I immediately thought of "
            "you. Would you be up for being her mentor? It would count toward your senior promo "
            "case. No pressure either way.",
            subject="Mentoring a new grad?",
            sender="Arjun Mehta <arjun@tessellate.example>",
        ),
        CONTEXT,
    )
    assert "urgent_text" not in signals
    assert "marketing" not in signals


def test_a_discount_that_expires_tonight_is_low():
    found = analysis_of(
        "Hi,\n\nYour 40% discount on the Pro plan expires tonight at midnight, and your trial "
        "ends with it. Upgrade now to lock in the price.",
        subject="Your offer expires tonight",
        sender="Acme Tools <hello@acmetools.example>",
        headers=passing("acmetools.example"),
    )
    assert found.urgency == Urgency.LOW


def test_someone_elses_failed_build_is_low():
    found = analysis_of(
        "Build #4821 failed on branch feature/jonas-search.\nCommitter: Jonas Weber",
        subject="Build failed: web-app #4821 (feature/jonas-search)",
        sender="Jenkins <jenkins@ci.example.com>",
        headers={"Auto-Submitted": "auto-generated"},
    )
    assert found.urgency == Urgency.LOW


def test_a_person_behind_a_tool_or_a_team_list_is_told_from_a_machine():
    linear = parsed("Hi", sender='"Hiro Sato (Linear)" <notifications@linear.app>')
    github = parsed(
        "@me could you look?",
        sender="Nate Adeyemi <notifications@github.com>",
        headers={"X-GitHub-Reason": "mention"},
    )
    colleague = parsed(
        "Hi team", sender="Tomasz Nowak <tomasz.nowak@example.com>", headers={"List-Id": "<sre>"}
    )
    people_team = parsed("Hi all", sender="People Team <people@example.com>")
    ci = parsed(
        "Run failed",
        sender="GitHub <notifications@github.com>",
        headers={"X-GitHub-Reason": "ci_activity"},
    )
    assert [person_behind(m, ME) for m in (linear, github, colleague)] == [True] * 3
    assert [person_behind(m, ME) for m in (people_team, ci)] == [False] * 2


def test_a_person_writing_to_a_list_who_names_the_reader_asks_them():
    body = (
        "Hi all,\n\nTomorrow's game is moved to 9:00, arrive 8:30. We are short two drivers.\n\n"
        "Alex - you said you might have the 7-seater this weekend, can you drive? Please tell "
        "me tonight.\n\nEveryone else: white kit and water.\n\nRui"
    )
    options = {"to": "U12 parents <parents@googlegroups.com>", "cc": f"Alex Morgan <{ME}>"}
    coach = parsed(body, sender="Rui Matos <rui.matos.futebol@gmail.com>", **options)
    unnamed = parsed(body.replace("Alex - ", ""), sender="Rui Matos <rui.matos@gmail.com>")
    assert [person_behind(m, ME) for m in (coach, unnamed)] == [True, False]
    found = analyze(coach, CONTEXT)
    assert found.urgency == Urgency.URGENT
    first = found.action_items[0].text
    assert first.startswith("Tell Rui whether you can drive")


def test_a_departments_address_at_the_readers_domain_is_no_person():
    domain = ME.rpartition("@")[2]
    hr = parsed("Hi all", sender=f"HR Communications <hr-comms@{domain}>")
    person = parsed("Hi", sender=f"Dana Whitfield (Finance) <dana-whitfield@{domain}>")
    assert [person_behind(m, ME) for m in (hr, person)] == [False, True]


def test_a_shouting_final_notice_from_a_seller_is_low_marketing():
    found = analysis_of(
        "URGENT! Your exclusive 50% discount on your account expires in 24 hours. Act now - "
        "upgrade today!",
        subject="FINAL NOTICE: your account discount expires in 24 hours",
        sender="CloudHost Deals <offers@cloudhost.example>",
    )
    assert (found.urgency, found.reasons) == (
        Urgency.LOW,
        ("marketing: a machine selling under time pressure",),
    )


def test_a_cancelled_meeting_tomorrow_is_no_trouble_of_yours():
    found = analysis_of(
        "This event has been cancelled and removed from your calendar.\n\nVendor demo\n"
        "Tuesday 1 December 16:00 - 17:00 (Europe/Berlin)",
        subject="Cancelled event: Vendor demo @ Tuesday 1 December 16:00",
        sender="Google Calendar <calendar-notification@google.com>",
        headers=passing("google.com"),
    )
    assert found.urgency != Urgency.URGENT
    assert "a system reports trouble of yours within a day" not in found.reasons


def test_a_persons_ask_whose_deadline_has_just_passed_is_still_urgent():
    # Sent 09:15 Berlin asking for 10:00; the digest is read at 10:15.
    found = analysis_of(
        "Hi,\n\nCould you send me your comments on the SLA amendment by 10:00 today? "
        "Their signatory is only available this morning.\n\nThanks,\nAmira",
        subject="SLA amendment: comments by 10:00",
        sender="Amira Haddad <amira@partner.example>",
        headers=passing("partner.example"),
    )
    assert found.urgency == Urgency.URGENT
    assert found.reasons == ("a person's ask to you whose deadline has just passed",)


def test_a_persons_note_to_you_alone_is_never_low():
    # (no date in it: a day named in a person's mail is weighed by the model, as the corpus is)
    note = "Hi,\n\nThe Lisbon contract is signed. Champagne is on me!\n\nBest,\nLena"
    alone = analysis_of(note, sender="Lena Fischer <lena@partner.example>")
    assert alone.urgency == Urgency.MEDIUM


def test_the_floor_lifts_a_persons_note_the_model_reads_as_low():
    leaning_low = UrgencyModel(
        classes=("low", "medium", "high", "urgent"),
        intercepts=(0.0, 0.0, 0.0, 0.0),
        weights={"bias_person": (3.0, 0.0, 0.0, 0.0)},
    )
    signals = {"bias_person": 1.0, "to_me": 1.0}
    no_one = Authenticity(False, False, False, False, False)

    assert classify_urgency(signals, no_one, leaning_low) == (
        Urgency.MEDIUM,
        ("a person writing to you directly",),
    )
    listed = classify_urgency(signals | {"many_recipients": 1.0}, no_one, leaning_low)
    assert listed[0] == Urgency.LOW


def test_a_job_you_set_up_that_fails_is_yours():
    signals = features_for(
        parsed(
            "Hi Marcus,\n\nThe nightly mapping job you set up has failed three nights in a row, "
            "and my team is hand-entering results. Can you get it running again?",
            subject="Nightly mapping job failing",
            sender="Denise Carter <denise@hospital.example>",
        ),
        CONTEXT,
    )
    assert signals.get("consequence_owned") == 1.0
