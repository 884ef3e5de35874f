"""Action items: each thing the reader is asked to do, in imperative form, and by when.

Only what the sender wrote this time counts (quoted history and signatures are gone before
this runs). A sentence is an ask when it requests something of the reader ("could you",
"please", "bitte", "merci de", "por favor", an imperative opening); a line ending in ":" that
announces asks ("Two things I need from you before 14:00:", "Let me know:") is not an item
itself, but its list items are, and they inherit its deadline. Machines give items only for
personal obligations: a payment to fix, access to recertify, an invoice to approve.
"""

from __future__ import annotations

import re
import zoneinfo

from digests.parsing import ParsedMessage
from digests.replies import without_sign_off
from digests.summarize.answers import (
    OPINION_ONLY,
    about_the_matter,
    answer_text,
    question_after_lead,
    tail_question,
)
from digests.summarize.ask_dates import own_deadline, then_deadline
from digests.summarize.asks import (
    BY_REPLYING,
    NEED,
    YOUR_ANSWER,
    met_by_sender,
)
from digests.summarize.asks import is_ask as _is_ask
from digests.summarize.asks import only_a_question as _only_a_question
from digests.summarize.assignments import review_item
from digests.summarize.choices import name_options
from digests.summarize.conditions import conditional_ask
from digests.summarize.conjoined import split_conjoined
from digests.summarize.cues import (
    AUX,
    BACK_REFERENCE,
    BY_THEN,
    DEADLINE_LIKE,
    IF_NOT,
    INLINE_LIST,
    PREAMBLE,
    SENDER_CLAUSE,
    language,
    send_to,
)
from digests.summarize.dates import Deadline
from digests.summarize.duty_asks import (
    PLEASE,
    as_role,
    asks_in_sentences,
    duty_notice,
    machine_items,
    obligation_ask,
    owed,
    reader_roles,
)
from digests.summarize.fallback import subject_ask
from digests.summarize.follow_ups import deadline_of as _deadline_of
from digests.summarize.follow_ups import item_at as _item
from digests.summarize.follow_ups import redated, sooner
from digests.summarize.frames import CLOSER
from digests.summarize.german import german_ask, german_send, without_filler
from digests.summarize.indirect import indirect_ask
from digests.summarize.item_dates import (
    AWAY,
    SAME_DEADLINE,
    MailDates,
    deadline_ahead,
    is_dateline,
    listed_deadline,
    sender_zone,
)
from digests.summarize.leaks import elaborates, news, readable, restates, review_output, when_ready
from digests.summarize.listing import (
    ASSIGNEE,
    HEAD,
    applied_to_each,
    entry_object,
    list_asks,
    list_just_read,
    looks_like_list_continuation,
    obliges,
    one_for_names,
    opens_list,
    sentences_with_list_marks,
    verb_of_intro,
    without_aspects,
)
from digests.summarize.mail_dates import subject_deadline
from digests.summarize.non_asks import without_non_asks
from digests.summarize.notices import mentions, to_the_reader
from digests.summarize.objects import refines, resolve_pronoun, which_ask
from digests.summarize.people import (
    first_name,
    greets_families,
    greets_reader,
    other_recipients,
    reader_first_name,
)
from digests.summarize.phrasing import polish, unsolicited
from digests.summarize.pointers import do_it, handle_it, pointer_ask, those_wanted
from digests.summarize.rewrite import action_text
from digests.summarize.romance import infinitive_todo, without_and
from digests.summarize.sentences import new_text, strip_greeting, strip_links
from digests.summarize.topics import VAGUE, subject_topic, with_context
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem
from digests.summarize.verbs import IMPERATIVE


def find_action_items(
    message: ParsedMessage, zone: zoneinfo.ZoneInfo, *, automated: bool, me: str = ""
) -> list[ActionItem]:
    """What the reader is asked to do in the new text, each with its resolved deadline.

    ``me`` is the reader's address: a list item "Lena: hero image v2" is Lena's task, not
    theirs, unless the reader is Lena.
    """
    if unsolicited(new_text(message)):
        return []  # a recruiter's pitch asks nothing of the reader
    my_name = reader_first_name(message, me)
    others = other_recipients(message, my_name)
    machine = automated
    families = automated and greets_families(new_text(message))  # "Dear Year 4 families"
    personal = families or (automated and greets_reader(message, me, new_text(message)))
    duty = automated and duty_notice(message, me)
    roles = reader_roles(message, me) if automated else ()  # "Permit holder contact: <me>"
    relayed = automated and mentions(new_text(message), me)
    if relayed:
        automated = False  # "@sam-whitfield could you review?": a person, through a tool
    received = message.received_at.astimezone(zone)
    asker = first_name(message.from_name)
    items: list[ActionItem] = []
    needed: list[bool] = []  # whether each item words a need ("I need X") rather than a request
    seen: set[str] = set()
    intro: Deadline | None = None
    intro_verb, obliged = "", False
    in_list = False
    previous: Deadline | None = None
    # Asks come early; the 120th sentence of a newsletter asks nothing of the reader.
    sentences = sentences_with_list_marks(without_sign_off(new_text(message)))[:MAX_SENTENCES]
    if relayed and message.is_mass_mail:  # a chat digest: the lines that turn to the reader
        turned = [(on, to_the_reader(s), s) for on, s in sentences if mentions(s, me)]
        sentences = [(on, t) for on, t, s in turned if t != s] or sentences
    # What the mail's dates offer its undated asks and a machine's duty, read when needed.
    mail = MailDates([s for _, s in sentences], received, zone, is_ask=_is_ask)
    sender = sender_zone(message)  # whose clock "by 4pm my time" is
    mail.subject, mail.calendar = message.subject, message.calendar
    mail.subject_due = None if machine else subject_deadline(message, zone)
    topic = subject_topic(message.subject)
    lang = language(new_text(message))
    before: list[str] = []
    asked_last = -1  # how many sentences had been read when the last item was found
    asked_from, asked_own = 0, False  # the first of the items it gave; whether it had a date
    last_listed = False  # whether the sentence before was a list item
    head = ""  # "Tom Reilly (Ashford):" opening the list item read now: what its asks are about
    # A machine's mail to a list asks nothing in its sentences; only its duty below counts.
    reading = sentences if asks_in_sentences(message, me, automated, personal, families) else []
    for listed, raw in reading:
        before.append(raw)
        was_listed, last_listed = last_listed, listed
        if listed:  # "Alex: send the pricing" assigns a task; "Tom (Ashford): his last day ..."
            head = m.group(1) if (m := HEAD.match(raw)) and not _is_ask(raw[m.end() :]) else ""
        sentence = strip_links(strip_greeting(raw)).strip(" :")
        sentence = sentence + ":" if raw.rstrip().endswith(":") and sentence else sentence
        if not sentence or len(sentence) > 400 or is_dateline(before, len(before) - 1):
            continue  # "15-Feb-2026" atop a letter: when it was written, no deadline
        just_asked = asked_last == len(before) - 1 and items
        same = items and (BY_THEN.search(sentence) or SAME_DEADLINE.search(sentence))
        # The sentence's own deadline is read now where what follows may need it, else only
        # once it turns out to ask: most sentences do neither.
        dated = bool(DEADLINE_LIKE.search(sentence))  # searched once, read up to three times
        read_now = dated or bool(
            just_asked or same or sentence.endswith(":") or (personal and PLEASE.match(sentence))
        )
        stated = own_deadline(sentence, received, sender) if read_now else None
        if same and (then := _deadline_of(items[-1])):
            stated = then  # "Could you also confirm before then whether ... on 19 November?"
        # "Can you review it? I need it by Thursday.": the sentence only dates the asks before
        if stated and just_asked:
            redone = redated(items, asked_from, sentence, stated, own=asked_own)
            if redone is not None:
                items[:] = redone
                continue
        sentence = without_aspects(sentence)  # "your input, especially on:": one ask
        # "whenever you get to it:" before a link alone introduces no list: it is the ask
        if opens_list(sentence, sentences, len(before)):
            then = (
                None
                if stated or not BY_THEN.search(sentence)
                else then_deadline(before, received, sender)
            )
            intro, in_list, previous = (
                mail.list_limit(stated or then, sentence, len(before) - 1),
                True,
                stated or previous,
            )
            intro_verb, obliged = verb_of_intro(sentence), obliges(sentence)
            continue
        # HTML lists reach us without their bullets: a machine's short lines after an intro.
        implicit = automated and in_list and len(sentence) < 120 and not sentence.endswith(".")
        listed = listed or (implicit and len(sentence.split()) >= 3)
        if not listed and in_list and not looks_like_list_continuation(sentence):
            in_list, intro, head = False, None, ""
        from_list = in_list and listed and list_asks(sentence, intro_verb, automated, obliged)
        # A machine's list after "You still have the following to complete:" is the reader's.
        task = bool(from_list and (intro_verb or obliged))
        # "As on-call keyholder, call ...": what the reader's role does; else what they owe
        sentence, mine = as_role(sentence, roles) if automated else (sentence, False)
        mine = mine or (
            automated
            and owed(sentence, listed_task=task, dated=bool(stated), personal=personal, duty=duty)
        )
        # A machine's sentence asks only where it sets the reader a duty (and then is read).
        is_ask = (mine or not automated) and (
            _is_ask(sentence) or from_list or (automated and obligation_ask(sentence))
        )
        if automated and not is_ask:
            previous = stated if dated else None
            continue
        if (named := _VOCATIVE.match(sentence)) and named.group(1).lower() in others:
            continue  # "Sam, please update the dashboard": Sam's task, not the reader's
        if not is_ask:
            # "his last day was 19 June" dates no ask after it; "the deadline is Friday" does;
            # "I'm out tomorrow" is the sender's diary and "If not, ..." what a miss brings:
            # both leave the deadline before them.
            if not AWAY.search(sentence) and not IF_NOT.match(sentence):
                previous = stated if dated else None
            continue
        if not read_now:
            stated = own_deadline(sentence, received, sender)
        back = was_listed and asked_last == len(before) - 1  # the list's items are asks
        if not listed and back and BACK_REFERENCE.search(sentence):
            continue  # "Put both into the planning sheet by Monday" after a list: its deadline
        # "Could you give me a rough quarter? Anytime before the 10th works.": a deadline in
        # the next sentence beats an event date in the one before.
        # "the minutes of the 14 March meeting" names a past date: what it is, not when
        dated_ahead = stated and stated.due >= received.date()
        ahead = (
            None
            if dated_ahead
            else deadline_ahead(sentences, len(before), received, sender, _is_ask)
        )
        own = listed_deadline(stated, intro if in_list else None, sentence)  # or borrows
        deadline = mail.due(own, sentence, len(before) - 1, ahead, previous)[0]
        previous = stated if dated_ahead else previous  # "at 30 September": what, not when
        if not listed and was_listed and BACK_REFERENCE.search(sentence):
            # "Two items remain open: - X - Y. I'd need both by 9:00": X and Y are the asks
            run = list_just_read(sentences, len(before) - 1)
            each = applied_to_each(action_text(sentence, asker), run)
            each = each[: MAX_ACTION_ITEMS - len(items)]
            if each and asked_last <= len(before) - 1 - len(run):
                items += [_item(text, deadline) for text in each]
                needed += [False] * len(each)
                asked_from, asked_last, asked_own = (
                    len(items) - len(each),
                    len(before),
                    bool(stated),
                )
                continue
        if (owner := ASSIGNEE.match(sentence)) and listed:
            if owner.group(1).lower() != my_name:
                continue  # someone else's task in the notes
            sentence = owner.group(2)
            from_list = True
        for part in INLINE_LIST.split(sentence):
            if from_list and intro_verb and not IMPERATIVE.match(part) and not _is_ask(part):
                part = part.strip(" \"'\u201c\u201d")
                part = f"{intro_verb} {entry_object(part)}"  # "Complete self-review"
            near = asked_last >= len(before) - 2
            if items and not stated and elaborates(part, near=near):
                continue  # "Please use the March FX rates rather than spot": how, not what
            if items and CLOSER.match(part):
                continue  # "Looking forward to your comments": the ask before, said again
            if sentence.endswith("?") and AUX.match(part) and not part.endswith("?"):
                part += "?"  # "Do you think we should respond, and if so, would ...?": two
            if posed := question_after_lead(part):
                part = posed  # "One question for you: do we need ...?" asks that question
            question = bool(posed) or _only_a_question(part)
            upcoming = sentences[len(before)][1] if len(before) < len(sentences) else ""
            if met_by_sender(part, upcoming):
                continue  # "The caterer needs the headcount. I'll collect the RSVPs": theirs
            if question and PREAMBLE.search(part) and upcoming and _is_ask(upcoming):
                continue  # "Do you have the deck? Can you share it?": the second is the ask
            part = without_and(part, lang)  # "Et peux-tu valider ...?", "Y ¿puedes ...?"
            text = (
                (pointer_ask(part, asker, before[:-1], topic) if lang != "en" else "")
                or german_ask(part, asker)
                or (
                    answer_text(part, asker)
                    if question
                    else action_text(
                        conditional_ask(part, asker) or indirect_ask(part, asker) or part, asker
                    )
                )
            )
            if not text and (tail := tail_question(part)):
                text = action_text(tail, asker) or answer_text(tail, asker)  # "..., can you?"
            text = handle_it(do_it(those_wanted(text, before[:-1]), before[:-1]), upcoming, lang)
            question = part.rstrip().endswith("?")
            text, spanish = infinitive_todo(without_filler(text), lang, asker)  # "Quitar"
            if (
                from_list
                and text
                and not IMPERATIVE.match(text)
                and not _is_ask(part)
                and not spanish
            ):
                if news(part) and not automated:
                    continue  # "1) The insurance form is due tomorrow.": context for the asks
                verb = send_to(asker, lang, text) if asker and not (automated or question) else ""
                if verb and (german := german_send(text, asker)):
                    text = german  # "Die aktuelle FMEA an Sabine schicken"
                else:
                    text = f"{verb} {text[:1].lower()}{text[1:]}".strip() if verb else text
            answer = text in {f"Tell {asker}", "Say", "Confirm", f"Confirm to {asker}"} or (
                (
                    text.startswith(f"Tell {asker} ")
                    and not from_list  # "- whether ... - whether ...": two questions listed
                    and items[-1].text.startswith((f"Tell {asker} ", f"Reply to {asker} "))
                )
                or bool(YOUR_ANSWER.match(text))  # "I'd need your OK by 5pm": the ask's answer
                if items
                else False
            )
            # "Could you run the interview? ... If yes, please confirm by replying": the answer.
            replying = bool(items and BY_REPLYING.match(text)) and asked_last >= len(before) - 3
            restated = bool(items and OPINION_ONLY.match(text))  # "..? What do you think?"
            if (answer and items and asked_last >= len(before) - 2) or replying or restated:
                # "Would you be up for it? Let me know by the 20th.": the answer's deadline.
                items[-1] = _item(items[-1].text, stated or _deadline_of(items[-1]))
                continue
            if items and when_ready(text):
                continue  # "... Let me know when you've had a chance to think about it."
            recent = items[-1].text if items and asked_last >= len(before) - 2 else ""
            # "you mentioned X and Y deserve support; please add them": X and Y, said first.
            lead = re.split(r"[;,:]\s+(?=please\b)|;\s+", part, maxsplit=1, flags=re.I)
            named = resolve_pronoun(text, before[:-1] + lead[:1] * (len(lead) > 1), recent)
            shaped = [about_the_matter(t, topic) for t in polish(named, asker, topic)]
            if named == text:  # a rewording that still points ("which one") names the subject
                about = topic if BACK_REFERENCE.search(text) else head or topic  # "those two"
                shaped = [
                    with_context(t, about) if t == text or VAGUE.search(t) else t for t in shaped
                ]
            need_here = bool(NEED.search(part))
            for ask in (a for t in shaped for a in split_conjoined(t)):
                ask = name_options(ask, before[:-1], topic)
                if SENDER_CLAUSE.match(ask):
                    continue  # "The insurer has agreed ...": the sender's news, not an ask
                ask = readable(ask, asker, recent=bool(recent)) if lang == "en" else ask
                if not ask or (recent and (restates(ask) or review_output(ask, recent))):
                    continue  # "Logo churn, split by plan, is all I need": a detail
                wants = frozenset(k for k, need in enumerate(needed) if need)
                earlier = which_ask(ask, [i.text for i in items], wants)
                verb = ask.partition(" ")[0]
                if (
                    earlier >= 0
                    and needed[earlier]
                    and not need_here
                    and (verb != items[earlier].text.partition(" ")[0])
                ):
                    # "Marketing wants the banner ... have it ready on staging": the request
                    # says what to do, the need only what is wanted.
                    # its own date ("on staging Monday morning") beats one the need borrowed
                    own_date = deadline if stated else None
                    items[earlier] = _item(
                        ask, own_date or _deadline_of(items[earlier]) or deadline
                    )
                    needed[earlier] = False
                    continue
                if items and asked_last == len(before) - 1 and refines(ask, items[-1].text):
                    # the request's own date ("sign it before 5 today") beats a borrowed one
                    own_date = deadline if stated else None
                    items[-1] = _item(ask, own_date or _deadline_of(items[-1]) or deadline)
                    continue  # "... it needs your approval. Can you approve it in the portal?"
                if earlier >= 0 and stated and deadline and sooner(deadline, items[earlier]):
                    items[earlier] = _item(items[earlier].text, deadline)  # asked again, dated
                fresh = ask.lower() not in seen and earlier < 0
                if ask and fresh and len(items) < MAX_ACTION_ITEMS:
                    run = listed and was_listed and asked_last == len(before) - 1  # one list
                    asked_from = asked_from if run or asked_last == len(before) else len(items)
                    asked_last, asked_own = len(before), bool(stated)
                    seen.add(ask.lower())
                    items.append(_item(ask, deadline))
                    needed.append(need_here)
    items = one_for_names(without_non_asks(items, asker, lang, machine=machine), topic)
    if not items and not automated:
        items = subject_ask(message.subject, asker, received)
    if machine:
        # the mail's nearest date is read only if the duty takes it
        items = machine_items(items, message, topic, (received, lambda: mail.first), lang, me)
    if review := review_item(new_text(message)[:900]):
        # the request is the ask, not the commits listed; due when an ask of it says
        return [_item(review, next(filter(None, map(_deadline_of, items)), mail.first))]
    return items


MAX_SENTENCES = 80
_VOCATIVE = re.compile(
    r"^@?([A-ZÀ-Ý][a-zà-ÿ]+)(?: and [A-ZÀ-Ý][a-zà-ÿ]+)?(?:,|\s*(?:--|[\u2013\u2014:]|\s-)\s)"
)
