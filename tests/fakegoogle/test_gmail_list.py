"""messages.list: search operators, label filters and pagination, via googleapiclient."""

import time
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from googleapiclient.errors import HttpError

from fakegoogle import DEMO_EMAIL


def list_ids(gmail, **params) -> list[str]:
    """Every matching id, following nextPageToken like a sync would."""
    ids: list[str] = []
    request = gmail.users().messages().list(userId="me", **params)
    while request is not None:
        response = request.execute()
        ids += [ref["id"] for ref in response.get("messages", [])]
        request = gmail.users().messages().list_next(request, response)
    return ids


@pytest.fixture
def mailbox(fake):
    return fake.account(DEMO_EMAIL).mailbox


def visible(mailbox) -> list:
    return [m for m in mailbox.messages.values() if not m.label_ids & {"SPAM", "TRASH"}]


def test_profile_counts_messages_threads_and_history(gmail, mailbox):
    profile = gmail.users().getProfile(userId="me").execute()

    assert profile["emailAddress"] == DEMO_EMAIL
    assert profile["messagesTotal"] == len(mailbox.messages)
    assert profile["threadsTotal"] < profile["messagesTotal"]
    assert profile["historyId"] == str(mailbox.history_id)


def test_user_id_may_be_the_email_address(gmail):
    profile = gmail.users().getProfile(userId=DEMO_EMAIL).execute()

    assert profile["emailAddress"] == DEMO_EMAIL


def test_list_is_newest_first_and_hides_spam_and_trash(gmail, mailbox):
    ids = list_ids(gmail)

    dates = [mailbox.messages[i].internal_date for i in ids]
    assert dates == sorted(dates, reverse=True)
    assert set(ids) == {m.id for m in visible(mailbox)}


def test_include_spam_trash_shows_everything(gmail, mailbox):
    ids = list_ids(gmail, includeSpamTrash=True)

    assert set(ids) == set(mailbox.messages)


def test_pages_cover_everything_exactly_once(gmail, mailbox):
    first = gmail.users().messages().list(userId="me", maxResults=10).execute()

    ids = list_ids(gmail, maxResults=10)

    assert len(first["messages"]) == 10
    assert first["resultSizeEstimate"] == len(visible(mailbox))
    assert len(ids) == len(set(ids)) == len(visible(mailbox))


def test_empty_result_has_no_messages_key(gmail):
    response = gmail.users().messages().list(userId="me", q="zzzz-no-such-word").execute()

    assert response == {"resultSizeEstimate": 0}


@pytest.mark.parametrize("bad", [{"pageToken": "garbage"}, {"maxResults": 0}])
def test_bad_paging_parameters_are_400(gmail, bad):
    with pytest.raises(HttpError) as caught:
        gmail.users().messages().list(userId="me", **bad).execute()

    assert caught.value.status_code == 400


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("is:unread", lambda m: "UNREAD" in m.label_ids),
        ("is:read", lambda m: "UNREAD" not in m.label_ids),
        ("-is:unread", lambda m: "UNREAD" not in m.label_ids),
        ("is:starred", lambda m: "STARRED" in m.label_ids),
        ("in:inbox", lambda m: "INBOX" in m.label_ids),
        ("-in:inbox", lambda m: "INBOX" not in m.label_ids),
        ("in:sent", lambda m: "SENT" in m.label_ids),
        ("label:important", lambda m: "IMPORTANT" in m.label_ids),
        ("label:CATEGORY_UPDATES", lambda m: "CATEGORY_UPDATES" in m.label_ids),
        ("category:promotions", lambda m: "CATEGORY_PROMOTIONS" in m.label_ids),
        (
            "-label:category_promotions in:inbox",
            lambda m: "INBOX" in m.label_ids and "CATEGORY_PROMOTIONS" not in m.label_ids,
        ),
        ("is:unread label:important", lambda m: {"UNREAD", "IMPORTANT"} <= m.label_ids),
    ],
)
def test_label_operators(gmail, mailbox, q, expected):
    ids = list_ids(gmail, q=q)

    assert ids
    assert set(ids) == {m.id for m in visible(mailbox) if expected(m)}


def test_from_matches_name_or_address(gmail, mailbox):
    by_name = list_ids(gmail, q="from:priya")
    by_address = list_ids(gmail, q="from:priya.natarajan@acme-corp.example")

    assert set(by_name) == set(by_address)
    assert all("priya" in mailbox.messages[i].header_text("From").lower() for i in by_name)
    assert len(by_name) == 3


def test_subject_phrase(gmail, mailbox):
    ids = list_ids(gmail, q='subject:"contract for signature"')

    assert len(ids) == 5
    assert len({mailbox.messages[i].thread_id for i in ids}) == 1


def test_free_words_are_anded_and_search_bodies(gmail, mailbox):
    ids = list_ids(gmail, q="signed Friday")

    assert ids
    for message_id in ids:
        text = mailbox.messages[message_id].search_text
        assert "signed" in text
        assert "friday" in text


def test_to_operator(gmail, mailbox):
    ids = list_ids(gmail, q="to:sam.ortiz in:sent")

    assert ids
    assert all("sam.ortiz" in mailbox.messages[i].header_text("To") for i in ids)


def test_has_attachment(gmail, mailbox):
    ids = list_ids(gmail, q="has:attachment")

    assert {mailbox.messages[i].header_text("Subject") for i in ids} >= {
        "Invoice INV-2025-0042 from CloudHost",
        "Photos from the weekend",
    }


def test_after_and_before_accept_epoch_seconds(gmail, mailbox):
    cutoff = sorted(m.internal_date for m in visible(mailbox))[40] // 1000

    after = list_ids(gmail, q=f"after:{cutoff}")
    before = list_ids(gmail, q=f"before:{cutoff}")

    assert set(after).isdisjoint(before)
    assert len(after) + len(before) == len(visible(mailbox))
    assert all(mailbox.messages[i].internal_date >= cutoff * 1000 for i in after)


def dated(fake, subject: str, year: int, month: int, day: int) -> str:
    message = EmailMessage()
    message["From"] = "archive@example.net"
    message["To"] = DEMO_EMAIL
    message["Subject"] = subject
    message.set_content("old mail")
    moment = datetime(year, month, day, 12, tzinfo=UTC)
    return fake.add_message(DEMO_EMAIL, message, internal_date=int(moment.timestamp() * 1000)).id


def test_after_and_before_accept_dates(gmail, fake):
    early = dated(fake, "archive early", 2021, 3, 10)
    late = dated(fake, "archive late", 2021, 3, 12)

    ids = list_ids(gmail, q="archive after:2021/03/11 before:2021/03/13")

    assert ids == [late]
    assert list_ids(gmail, q="archive before:2021/03/11") == [early]


def test_newer_than_and_older_than(gmail, mailbox):
    day_ago = (time.time() - 86_400) * 1000

    newer = list_ids(gmail, q="newer_than:1d")
    older = list_ids(gmail, q="older_than:1d")

    assert newer
    assert all(mailbox.messages[i].internal_date >= day_ago - 5_000 for i in newer)
    assert len(newer) + len(older) == len(visible(mailbox))


def test_in_spam_lifts_the_spam_exclusion(gmail, mailbox):
    ids = list_ids(gmail, q="in:spam")

    assert ids == [m.id for m in mailbox.messages.values() if "SPAM" in m.label_ids]


def test_label_ids_parameter_requires_all_labels(gmail, mailbox):
    ids = list_ids(gmail, labelIds=["INBOX", "UNREAD"])

    assert set(ids) == {m.id for m in visible(mailbox) if {"INBOX", "UNREAD"} <= m.label_ids}


@pytest.mark.parametrize(
    ("q", "named"),
    [
        ("from:a OR from:b", "OR"),
        ("{from:a from:b}", "{from:a"),
        ("size:1000", "size:1000"),
        ("after:yesterday", "yesterday"),
        ("newer_than:2w", "2w"),
    ],
)
def test_unsupported_queries_fail_loudly_naming_the_term(gmail, q, named):
    with pytest.raises(HttpError) as caught:
        gmail.users().messages().list(userId="me", q=q).execute()

    assert caught.value.status_code == 400
    assert named in caught.value.reason


def _add_with_message_id(fake, message_id: str, labels: tuple[str, ...]) -> str:
    message = EmailMessage()
    message["From"] = "GDA <digest@gda.example>"
    message["To"] = DEMO_EMAIL
    message["Subject"] = "Your digest"
    message["Message-ID"] = message_id
    message.set_content("Digest body")
    return fake.add_message(DEMO_EMAIL, message, labels=labels).id


def test_rfc822msgid_finds_exactly_that_message_with_or_without_brackets(gmail, fake):
    wanted = _add_with_message_id(fake, "<digest-7-abc@gda.example>", ("INBOX",))
    _add_with_message_id(fake, "<digest-7-abcd@gda.example>", ("INBOX",))

    assert list_ids(gmail, q="rfc822msgid:digest-7-abc@gda.example") == [wanted]
    assert list_ids(gmail, q="rfc822msgid:<digest-7-abc@gda.example>") == [wanted]
    assert list_ids(gmail, q="rfc822msgid:digest-8-abc@gda.example") == []


def test_rfc822msgid_in_anywhere_finds_spam_and_trash_too(gmail, fake):
    in_spam = _add_with_message_id(fake, "<spam-1@gda.example>", ("SPAM",))
    in_trash = _add_with_message_id(fake, "<trash-1@gda.example>", ("TRASH",))

    assert list_ids(gmail, q="rfc822msgid:spam-1@gda.example") == []
    assert list_ids(gmail, q="rfc822msgid:spam-1@gda.example in:anywhere") == [in_spam]
    assert list_ids(gmail, q="rfc822msgid:trash-1@gda.example in:anywhere") == [in_trash]


def test_rfc822msgid_in_sent_only_finds_sent_mail(gmail, fake):
    sent = _add_with_message_id(fake, "<sent-1@gda.example>", ("SENT",))
    _add_with_message_id(fake, "<inbox-1@gda.example>", ("INBOX",))

    assert list_ids(gmail, q="rfc822msgid:sent-1@gda.example in:sent") == [sent]
    assert list_ids(gmail, q="rfc822msgid:inbox-1@gda.example in:sent") == []
