"""Every promise the README makes is kept by a test that walks the user's path.

A sentence of README.md that promises behaviour (it says saved, kept, private, never, resumes,
lost, locks, sealed, ...) must hold one of the phrases below, and each phrase names the tests that
keep it. A new promise without a test fails here, and so does a promise whose test was renamed or
removed: the sentence changes, or a test that names it is written.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Words that make a README sentence a promise about behaviour.
PROMISE_WORDS = re.compile(
    r"\b(saved?|kept|keeps?|private|privately|never|resumes?|lost|thrown away|locks?|sealed)\b",
    re.IGNORECASE,
)

#: A phrase of a promise → the tests (``path::name``) that walk the user's path and keep it.
PROMISES: dict[str, tuple[str, ...]] = {
    "each week keeps its number as new weeks come": (
        "tests/services/test_history.py::test_a_week_keeps_its_number_as_new_weeks_come",
        "tests/test_cli_history.py::test_the_list_is_newest_first_one_line_a_week",
    ),
    "after NAME's passphrase, and never anyone else's": (
        "tests/test_cli_history.py::test_private_answers_only_to_their_author_after_the_passphrase",
        "tests/services/test_history.py::test_private_answers_open_only_for_their_unlocked_author",
    ),
    "answers to the safety question are never shown": (
        "tests/services/test_history.py::test_history_never_reads_the_safety_answers",
        "tests/test_cli_history.py::test_private_answers_only_to_their_author_after_the_passphrase",
    ),
    "so twenty years of weeks open without a stall": (
        "tests/tui/test_history.py::test_twenty_years_open_and_page_without_a_stall",
        "tests/services/test_history.py::test_a_page_of_twenty_years_reads_only_that_page",
    ),
    "the hide key takes them off the screen at once": (
        "tests/tui/test_history.py::test_private_answers_appear_only_to_their_unlocked_author",
    ),
    "Screens are built when opened and let go when closed": (
        "tests/tui/test_footer.py::test_visiting_screens_keeps_homes_footer_and_leaves_no_keys_behind",
        "tests/tui/test_journal.py::test_a_closed_journal_leaves_nothing_it_drew_behind",
    ),
    "reopening it mounts nothing and draws only what changed since": (
        "tests/tui/test_trends.py::test_reopening_trends_shows_the_kept_screen_and_draws_nothing",
        "tests/tui/test_trends.py::test_reopened_trends_show_a_checkin_completed_meanwhile",
    ),
    "The Trends screen is built once and kept while the app runs": (
        "tests/tui/test_trends.py::test_reopening_trends_shows_the_kept_screen_and_draws_nothing",
        "tests/tui/test_trends.py::test_reopened_trends_show_a_checkin_completed_meanwhile",
    ),
    "the kept screen draws nothing": (
        "tests/tui/test_trends.py::test_reopening_trends_shows_the_kept_screen_and_draws_nothing",
        "tests/tui/test_trends.py::test_help_over_trends_leaves_the_range_area_and_place_as_they_were",
        "tests/tui/test_trends.py::test_reopened_trends_show_a_checkin_completed_meanwhile",
    ),
    "never the code itself": (
        "tests/services/test_recovery_code.py::test_the_code_is_shown_once_and_stored_only_wrapped",
        "tests/test_cli_recovery.py::test_recover_a_forgotten_passphrase_with_the_code_which_works_once",
        "tests/tui/test_recovery_code.py::test_create_a_passphrase_with_a_code_forget_it_and_recover_once",
    ),
    "anyone who has the code can open your journal and private answers and set a new": (
        "tests/tui/test_recovery_code.py::test_create_a_passphrase_with_a_code_forget_it_and_recover_once",
        "tests/test_cli_recovery.py::test_recover_a_forgotten_passphrase_with_the_code_which_works_once",
    ),
    "The recovery code works once": (
        "tests/services/test_recovery_code.py::test_forgotten_passphrase_recovered_with_the_code_which_works_once",
        "tests/test_cli_recovery.py::test_recover_a_forgotten_passphrase_with_the_code_which_works_once",
        "tests/tui/test_recovery_code.py::test_create_a_passphrase_with_a_code_forget_it_and_recover_once",
        "tests/tui/test_recovery_code.py::test_recovering_offers_a_new_code_and_cancel_changes_nothing",
    ),
    "A wrong code is one line and changes nothing": (
        "tests/services/test_recovery_code.py::test_a_wrong_code_is_one_line_changes_nothing_and_is_as_slow_as_the_kdf",
        "tests/services/test_recovery_code.py::test_production_cost_a_wrong_code_takes_as_long_as_a_passphrase",
        "tests/test_cli_recovery.py::test_recover_a_forgotten_passphrase_with_the_code_which_works_once",
        "tests/tui/test_recovery_code.py::test_create_a_passphrase_with_a_code_forget_it_and_recover_once",
    ),
    "Changing your passphrase keeps the code working": (
        "tests/services/test_recovery_code.py::test_a_passphrase_change_keeps_the_code_and_still_locks_the_old_passphrase_out",
        "tests/services/test_recovery_code.py::test_a_new_code_replaces_the_old_one",
        "tests/test_cli_recovery.py::test_a_new_code_replaces_the_old_one_and_a_change_keeps_it",
    ),
    "an older backup still opens with an older code": (
        "tests/test_cli_recovery.py::test_a_backup_carries_the_recovery_wrap_as_it_was",
        "tests/services/test_recovery_code.py::test_an_export_carries_no_recovery_code_and_an_import_starts_without_one",
    ),
    "reading an entry changes nothing stored": (
        "tests/tui/test_journal_view.py::test_opening_an_entry_shows_it_read_only_and_changes_nothing",
        "tests/tui/test_journal_view.py::test_the_view_shows_private_text_as_plain_text",
    ),
    "never a number shared with the partner's entries": (
        "tests/test_cli_journal.py::test_entries_show_no_number_that_counts_the_other_persons_entries",
    ),
    "so the clear text never touches the disk": (
        "tests/test_cli_journal.py::test_edit_goes_through_memory_only_and_leaves_nothing_behind",
        "tests/test_cli_journal.py::test_edit_without_a_memory_only_folder_says_so_and_opens_nothing",
    ),
    "in progress (whose turn it is, never what anyone answered)": (
        "tests/test_cli_status.py::test_due_then_whose_turn_never_what_then_done",
        "tests/test_cli_status.py::test_nobody_set_up_is_one_line_and_nothing_is_created",
    ),
    "opens nothing that is stored from then on": (
        "tests/services/test_key_rotation.py::test_the_old_passphrase_and_an_older_copy_of_the_key_open_nothing_after_a_change",
        "tests/services/test_key_rotation.py::test_a_change_that_fails_midway_changes_nothing",
    ),
    "another window still holding the old key asks for the passphrase again": (
        "tests/services/test_key_rotation.py::test_a_window_still_holding_the_old_key_stops_using_it",
    ),
    "which `passwd` names and offers to delete": (
        "tests/services/test_key_rotation.py::test_passwd_says_what_changed_and_offers_to_delete_the_apps_older_backups",
    ),
    "finished turn's area scores are kept beside its answers, stamped with the scoring": (
        "tests/services/test_turn_scores.py::test_trends_show_exactly_what_scoring_the_answers_gives",
        "tests/services/test_turn_scores.py::test_a_turn_scored_otherwise_is_scored_again",
        "tests/services/test_turn_scores.py::test_a_v7_database_upgrades_and_shows_the_same_trends",
    ),
    "ticking the same number everywhere gives 50 in every area": (
        "tests/core/test_weekly_v2.py::test_ticking_the_same_number_everywhere_gives_50_in_every_area",
    ),
    "every past check-in is scored by the questions it was answered with": (
        "tests/services/test_trends_versions.py::test_v1_answers_are_scored_by_v1_keys_after_the_upgrade",
    ),
    "so new questions are never read as a change in trust": (
        "tests/services/test_trends_versions.py::test_a_change_of_questions_is_noted_once_and_not_read_as_a_change_in_trust",
        "tests/services/test_trends_versions.py::test_the_reveal_compares_with_last_week_only_under_the_same_questions",
    ),
    "A private, local-first weekly check-in": (
        "tests/services/test_private_answers.py::test_sentinel_is_in_no_file_after_closing",
    ),
    "each person reviews their own answers": (
        "tests/tui/test_turns.py::test_the_review_lists_every_answer_and_changes_a_rating_and_who_sees_it",
        "tests/tui/test_turns.py::test_a_full_turn_walks_gate_safety_items_review_hand_over",
    ),
    "side by side, as two voices rather than a score": (
        "tests/tui/test_no_colour.py::test_kept_partly_not_yet_is_marked_without_colour",
        "tests/tui/test_commitments_follow_through.py::test_two_voices_side_by_side_not_a_scorecard",
        "tests/tui/test_commitments_follow_through.py::test_solo_has_one_voice",
        "tests/services/test_commitments.py::test_two_voices_are_kept_side_by_side_and_solo_has_one",
    ),
    # Issue 17, section 3: commitments that follow through.
    "carries on into the new week's list, linked to the one it": (
        "tests/tui/test_commitments_follow_through.py::test_keep_for_another_week_carries_it_into_this_weeks_list",
        "tests/services/test_commitments.py::test_keeping_one_for_another_week_carries_it_on_linked_not_duplicated",
    ),
    "the words first agreed stay as they": (
        "tests/tui/test_commitments_follow_through.py::test_change_the_words_keeps_the_old_words_on_the_original",
        "tests/services/test_commitments.py::test_changing_the_words_keeps_the_original_words_in_history",
    ),
    "Letting one go is a kind, explicit choice, not a failure mark": (
        "tests/tui/test_commitments_follow_through.py::test_let_it_go_is_said_kindly_and_not_offered_again",
        "tests/services/test_commitments.py::test_letting_one_go_is_kind_and_never_counted_as_not_kept",
    ),
    "A commitment nobody looked back on is not lost when someone presses Continue": (
        "tests/tui/test_commitments_follow_through.py::test_continue_without_reviewing_brings_it_back_next_week",
        "tests/services/test_commitments.py::test_an_unreviewed_commitment_comes_back_next_week_not_lost",
        "tests/services/test_commitments.py::test_a_week_ended_early_decides_nothing",
    ),
    "\"kept\" is the view of the person a commitment was made to": (
        "tests/services/test_trends.py::test_commitments_kept_follow_the_partners_view_and_leave_out_those_let_go",
        "tests/services/test_commitments.py::test_letting_one_go_is_kind_and_never_counted_as_not_kept",
        "tests/export/test_commitments.py::test_the_summary_and_trends_agree_on_commitments_kept",
    ),
    "a written answer is kept as a draft while you type it": (
        "tests/tui/test_drafts.py::test_a_draft_is_saved_a_moment_after_the_last_key",
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/e2e/test_tmux.py::test_closing_the_terminal_keeps_the_draft_and_who_sees_it",
        "tests/e2e/test_tmux.py::test_closing_the_terminal_keeps_a_private_draft_sealed",
        "tests/e2e/test_tmux.py::test_a_turn_resumed_after_the_terminal_closed_opens_behind_its_gate",
        "tests/storage/test_crash.py::test_sigkill_mid_checkin_keeps_every_acknowledged_answer",
    ),
    "A draft is not an answer": (
        "tests/services/test_drafts.py::test_a_draft_is_not_an_answer_at_the_reveal_in_trends_or_in_exports",
    ),
    "The tests never read the real date": (
        "tests/test_cli.py::test_trustcheck_today_fixes_the_week_for_the_real_command",
    ),
    "are never scored side by side": (
        "tests/services/test_betrayal_care.py::test_the_betrayed_partners_healing_items_never_move_a_shared_score",
        "tests/services/test_betrayal_care.py::test_no_private_betrayal_answer_reaches_the_reveal_or_an_export",
        "tests/tui/test_modules.py::test_jealousy_and_old_wounds_follow_the_weekly_core",
    ),
    "opens its three phases one at a time, when you both say you are ready": (
        "tests/services/test_betrayal_care.py::test_the_next_phase_opens_only_when_both_say_they_are_ready",
    ),
    "can only add support lines, never replace the shipped ones": (
        "tests/services/test_resources.py::test_a_file_of_your_own_adds_lines_after_the_shipped_ones_and_is_announced",
        "tests/services/test_resources.py::test_a_file_that_would_replace_a_shipped_line_adds_nothing_and_says_why",
        "tests/services/test_resources.py::test_the_doctor_command_announces_your_file_and_warns_on_the_fixed_clock",
        "tests/services/test_resources.py::test_doctor_warns_about_a_line_checked_more_than_twelve_months_ago",
    ),
    "People are never lost": (
        "tests/test_cli_people.py::test_remove_needs_the_passphrase_and_restore_brings_the_journal_back",
        "tests/tui/test_people.py::test_settings_remove_asks_the_passphrase_and_restore_brings_the_journal_back",
        "tests/test_cli_people.py::test_adding_a_removed_name_points_to_restore_and_adds_no_stranger",
    ),
    "`c` check in (or resume), `d` discard a check-in in progress (asks first)": (
        "tests/tui/test_turns.py::test_a_resumed_turn_from_home_is_gated_and_home_says_only_whose_turn",
        "tests/tui/test_turns.py::test_an_earlier_weeks_paused_checkin_is_named_on_home",
    ),
    "`←` goes back (never out of your own turn)": (
        "tests/tui/test_turns.py::test_back_at_the_first_item_stays_in_the_turn",
        "tests/tui/test_rating.py::test_typing_1_0_stores_10_and_the_reveal_shows_10",
        "tests/tui/test_rating.py::test_1_then_a_pause_stores_1",
        "tests/tui/test_turns.py::test_pause_then_resume_lands_at_the_same_step_behind_the_gate",
        "tests/tui/test_turns.py::test_discard_asks_twice_and_names_what_is_lost",
        "tests/e2e/test_tmux.py::test_the_rating_typed_1_0_at_human_speed_is_10_and_the_0_stays_out_of_the_next_box",
    ),
    "A key typed while one question gives way to the next": (
        "tests/tui/test_rating.py::test_keys_typed_while_the_question_changes_reach_no_question",
    ),
    "`ctrl+l` hides and locks anything private at once: a private draft is sealed first": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/tui/test_journal.py::test_hide_key_locks_at_once",
    ),
    "Words typed into a private answer while you are locked cannot be sealed": (
        "tests/tui/test_drafts.py::test_a_private_draft_typed_while_locked_is_not_written_and_says_so",
    ),
    "Their private text — private check-in answers, their drafts and journal entries — is sealed": (
        "tests/services/test_private_answers.py::test_sentinel_is_in_no_file_while_the_database_is_open",
        "tests/storage/test_crypto.py::test_moved_ciphertext_is_damaged",
        "tests/storage/test_crypto.py::test_nonces_never_repeat",
        "tests/services/test_journal_drafts.py::test_a_draft_is_in_no_file_of_the_data_folder",
    ),
    "The journal locks itself after 5 minutes idle": (
        "tests/tui/test_journal.py::test_idle_lock",
        "tests/tui/test_journal.py::test_hide_key_locks_at_once",
        "tests/tui/test_turns.py::test_the_second_turn_after_the_hand_over_shows_nothing_of_the_first",
    ),
    "Locking never throws away an entry you are writing": (
        "tests/tui/test_journal_drafts.py::test_idle_lock_keeps_the_entry_being_written_and_unlocking_brings_it_back",
        "tests/tui/test_journal_drafts.py::test_hide_key_keeps_the_entry_being_written",
    ),
    "the entry is kept as a draft, sealed with your key": (
        "tests/tui/test_journal_drafts.py::test_a_pause_in_typing_keeps_a_sealed_draft_before_any_way_out",
        "tests/tui/test_journal_drafts.py::test_quitting_or_closing_the_terminal_keeps_the_entry_for_the_next_start",
        "tests/tui/test_journal_drafts.py::test_a_crash_keeps_the_entry_being_written",
        "tests/e2e/test_tmux.py::test_closing_the_terminal_mid_entry_keeps_it_sealed_and_it_comes_back",
    ),
    "Your unsaved entry was kept as a draft": (
        "tests/tui/test_journal_drafts.py::test_an_edit_of_an_entry_is_kept_as_a_draft_of_that_entry",
    ),
    "A draft is not an entry": (
        "tests/services/test_journal_drafts.py::test_a_draft_is_not_an_entry",
    ),
    "reading what you wrote privately": (
        "tests/services/test_private_answers.py::test_sentinel_is_in_no_file_after_closing",
        "tests/tui/test_journal.py::test_wrong_passphrase_shows_nothing",
    ),
    "A wrong passphrase or a modified record gives a clear error, never garbage": (
        "tests/services/test_keys.py::test_wrong_passphrase_is_refused_with_a_plain_message",
        "tests/services/test_journal.py::test_a_body_tampered_to_text_is_damaged_not_a_crash",
    ),
    "a forgotten passphrase means that person's private text is gone": (
        "tests/storage/test_crypto.py::test_wrong_passphrase",
    ),
    "it prints one line and writes a redacted report": (
        "tests/tui/test_crash.py::test_forced_crash_prints_one_redacted_line",
        "tests/tui/test_crash.py::test_report_has_types_and_frames_only",
    ),
    "Nothing is lost: every answer is saved the moment it is given": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/tui/test_journal_drafts.py::test_a_crash_keeps_the_entry_being_written",
    ),
    "and the topics either of you marked": (
        "tests/tui/test_visibility_choice.py::test_the_therapy_topic_defaults_to_for_therapy_and_says_what_that_means",
    ),
    "characters its font cannot draw are replaced by": (
        "tests/export/test_pdf.py::test_characters_the_font_lacks_are_replaced_visibly_never_dropped",
        "tests/export/test_pdf.py::test_a_heading_is_never_left_alone_at_the_foot_of_a_page",
        "tests/export/test_pdf.py::test_notes_are_grouped_by_week_with_each_question_once_a_week",
    ),
    "hands it to the check-in service and keeps the answer": (
        "tests/tui/test_round_trip.py::test_a_rating_key_is_one_upsert_and_no_read",
        "tests/services/test_round_trip.py::test_a_rating_is_one_upsert_in_one_transaction",
        "tests/services/test_round_trip.py::test_saving_returns_the_answer_exactly_as_it_reads_back",
    ),
    "checks the value, seals a private": (
        "tests/tui/test_round_trip.py::test_a_rating_key_is_one_upsert_and_no_read",
        "tests/services/test_round_trip.py::test_a_rating_is_one_upsert_in_one_transaction",
        "tests/services/test_round_trip.py::test_saving_returns_the_answer_exactly_as_it_reads_back",
    ),
    "upserts the `answers` row": (
        "tests/tui/test_round_trip.py::test_a_rating_key_is_one_upsert_and_no_read",
        "tests/services/test_round_trip.py::test_a_rating_is_one_upsert_in_one_transaction",
        "tests/services/test_round_trip.py::test_saving_returns_the_answer_exactly_as_it_reads_back",
    ),
    "One rating, from the key press to its row, in five hops": (
        "tests/tui/test_round_trip.py::test_a_rating_key_is_one_upsert_and_no_read",
        "tests/services/test_round_trip.py::test_a_rating_is_one_upsert_in_one_transaction",
        "tests/services/test_round_trip.py::test_the_first_answer_stores_its_pack_wording_in_the_same_transaction",
    ),
    "so a quiet week is not": (
        "tests/services/test_not_this_week.py::test_a_quiet_week_is_not_a_missing_area",
        "tests/tui/test_turns.py::test_n_answers_a_conditional_statement_didnt_come_up_this_week",
    ),
    "A period without a completed check-in is said in one line": (
        "tests/test_cli_export.py::test_exporting_a_period_without_check_ins_exits_1_and_writes_nothing",
        "tests/services/test_export.py::test_a_period_without_check_ins_says_so_instead_of_a_page_of_none",
    ),
    "One person's private records go in only after their": (
        "tests/export/test_consent.py::test_no_private_text_without_consent",
        "tests/export/test_consent.py::test_only_the_owners_private_text_with_consent",
        "tests/export/test_consent.py::test_each_kind_of_private_record_is_its_own_choice",
        "tests/test_cli_export.py::test_each_kind_of_private_record_is_its_own_option",
        "tests/test_cli_export.py::test_private_records_of_two_people_are_refused",
        "tests/services/test_export_modules.py::test_safety_answers_go_in_only_by_their_own_choice",
        "tests/tui/test_export_dialog.py::test_private_notes_need_the_owners_passphrase",
        "tests/services/test_export_modules.py::test_crossroads_and_safety_are_absent_without_consent",
        "tests/services/test_export_modules.py::test_sams_safety_answers_never_come_with_alexs",
    ),
    "a private reflection that is never shown to the partner": (
        "tests/tui/test_modules.py::test_crossroads_is_sealed_and_absent_from_partner_screens_and_reveal",
    ),
    "history keeps the wording that was answered": (
        "tests/tui/test_modules.py::test_old_answers_keep_their_original_wording",
        "tests/test_cli_packs.py::test_validate_refuses_new_wording_under_an_answered_version",
    ),
    "Each person is asked privately, in their own turn, before their other questions": (
        "tests/tui/test_turns.py::test_a_full_turn_walks_gate_safety_items_review_hand_over",
        "tests/tui/test_safety.py::test_the_check_comes_behind_the_gate_before_the_questions_and_help_before_any_passphrase",
        "tests/tui/test_safety.py::test_a_resumed_turn_with_answers_does_not_ask_again",
    ),
    "A private safety check comes first in each": (
        "tests/tui/test_turns.py::test_a_full_turn_walks_gate_safety_items_review_hand_over",
    ),
    "A yes and a no take the same screens and keys": (
        "tests/tui/test_safety.py::test_yes_and_no_take_the_same_screens_and_keys",
        "tests/tui/test_safety.py::test_a_kept_yes_reaches_no_partner_screen_nor_any_export_without_consent",
        "tests/tui/test_safety.py::test_the_second_persons_check_shows_nothing_of_the_firsts",
        "tests/tui/test_safety.py::test_ending_the_weeks_joint_part_shows_one_neutral_sentence",
    ),
    "sealed with your own key and never shown to the partner": (
        "tests/tui/test_safety.py::test_a_kept_yes_is_sealed_for_its_author_with_the_control_answers",
        "tests/tui/test_safety.py::test_a_kept_yes_reaches_no_partner_screen_nor_any_export_without_consent",
        "tests/services/test_export_modules.py::test_sams_safety_answers_never_come_with_alexs",
        "tests/services/test_export_modules.py::test_crossroads_and_safety_are_absent_without_consent",
        "tests/services/test_export_modules.py::test_control_answers_travel_only_with_their_authors_consent",
    ),
    "No per-answer time is stored or exported": (
        "tests/services/test_export_modules.py::test_no_export_holds_a_per_answer_time",
        "tests/services/test_export_modules.py::test_an_older_export_with_answer_times_imports_with_the_day_only",
        "tests/storage/test_db.py::test_a_v7_database_keeps_only_the_day_of_each_answer_and_safety_answer",
    ),
    "Help and About list the support lines at any": (
        "tests/tui/test_safety.py::test_support_lines_are_reachable_from_help_and_about_with_nothing_answered",
        "tests/tui/test_safety.py::test_help_over_the_check_reaches_the_support_lines_and_leaves_it_unanswered",
    ),
    "keeps a safety copy of what it replaces": (
        "tests/storage/test_backup.py::test_backup_while_another_window_writes",
        "tests/storage/test_backup.py::test_restore_over_existing_data_keeps_a_safety_backup",
    ),
    "the last five are kept": (
        "tests/storage/test_backup.py::test_a_migration_is_preceded_by_a_backup_and_they_rotate",
    ),
    "else it is missing for that week (never zero)": (
        "tests/core/test_scoring.py::test_three_of_four_answered_is_enough",
        "tests/core/test_scoring.py::test_a_skip_is_missing_not_a_middle_value",
        "tests/services/test_trends.py::test_missing_weeks_are_gaps_not_zeros",
    ),
    "Screens and commands never import `storage`": (
        "tests/test_import_hygiene.py::test_screens_and_commands_never_import_storage",
        "tests/test_import_hygiene.py::test_services_hand_out_no_database_or_repository",
        "tests/test_import_hygiene.py::test_the_import_contracts_hold",
    ),
    "a service never reaches into `export` for a sentence": (
        "tests/test_import_hygiene.py::test_the_import_contracts_hold",
    ),
}

#: Sentences with a promise word that promise no behaviour of ours: why, for each.
NOT_BEHAVIOUR = {
    # A warning that points elsewhere; nothing the program does.
    "trustcheck is not a safe place to keep evidence or plans",
    # Why a dependency was chosen and when it is imported (checked by test_import_hygiene).
    "Textual (the app), Rich (text), Typer (commands) and platformdirs (folders)",
    "Imported only when something is sealed or opened.",
    # A limit stated honestly (docs/threat-model.md), not something the program does.
    "Copies are not reached by later changes",
}


def _readme_sentences() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # commands and tables of output
    prose = " ".join(line.strip() for line in text.splitlines() if not line.startswith(("|", "#")))
    return re.split(r"(?<=[.!?])\s+(?=[A-Z`*(])", prose)


def _promises() -> list[str]:
    return [s for s in _readme_sentences() if PROMISE_WORDS.search(s)]


@cache
def _tests_in(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    )


@pytest.mark.parametrize("sentence", _promises(), ids=lambda s: s[:50])
def test_every_readme_promise_names_its_tests(sentence: str) -> None:
    if any(phrase in sentence for phrase in NOT_BEHAVIOUR):
        return
    kept_by = [tests for phrase, tests in PROMISES.items() if phrase in sentence]
    assert kept_by, f"no test keeps this promise (add it to PROMISES, or reword it): {sentence}"
    assert any(kept_by), f"a promise with no test: {sentence}"


@pytest.mark.parametrize("phrase", sorted(PROMISES), ids=lambda s: s[:50])
def test_every_phrase_is_in_the_readme_and_its_tests_exist(phrase: str) -> None:
    assert any(phrase in s for s in _readme_sentences()), f"not in the README any more: {phrase}"
    for ref in PROMISES[phrase]:
        path, name = ref.split("::")
        assert (ROOT / path).is_file(), ref
        assert name in _tests_in(ROOT / path), f"no such test: {ref}"


# --- the same for what the app says on screen ----------------------------------------------------

#: A promise word on screen (a narrower set: labels such as "Commitments kept" are no promise).
SCREEN_PROMISE_WORDS = re.compile(
    r"\b(saved|kept|keeps|resume|picks? up|never shown|nothing was lost|only you|"
    r"stays? hidden|hidden until)\b",
    re.IGNORECASE,
)

#: A message in the ``messages`` package that promises behaviour → the tests that keep it.
SCREEN_PROMISES: dict[str, tuple[str, ...]] = {
    "HISTORY_PRIVATE_TITLE": (
        "tests/tui/test_history.py::test_private_answers_appear_only_to_their_unlocked_author",
        "tests/test_cli_history.py::test_private_answers_only_to_their_author_after_the_passphrase",
    ),
    "PASSPHRASE_WEAK": (
        "tests/tui/test_journal.py::test_set_a_passphrase_then_unlock",
        "tests/services/test_keys.py::test_a_passphrase_easy_to_guess_is_refused_with_a_kind_hint",
        "tests/services/test_key_rotation.py::test_passwd_refuses_a_passphrase_easy_to_guess_and_changes_nothing",
    ),
    "NOT_THIS_WEEK_SAVED": (
        "tests/tui/test_turns.py::test_n_answers_a_conditional_statement_didnt_come_up_this_week",
        "tests/services/test_not_this_week.py::test_it_is_stored_apart_from_a_skip_and_only_for_a_conditional_statement",
    ),
    "TURN_REVIEW_SAME": (
        "tests/tui/test_turns.py::test_the_same_answer_everywhere_is_noted_gently_in_ones_own_review_only",
    ),
    "PROFILE_REMOVE_CONFIRM": (
        "tests/test_cli_people.py::test_remove_needs_the_passphrase_and_restore_brings_the_journal_back",
    ),
    "HANDOVER_BODY": (
        "tests/tui/test_turns.py::test_the_second_turn_after_the_hand_over_shows_nothing_of_the_first",
        "tests/tui/test_checkin_flow.py::test_handover_shows_nothing_of_the_first_answers",
    ),
    "TURN_REVIEW_INTRO": (
        "tests/tui/test_turns.py::test_the_review_lists_every_answer_and_changes_a_rating_and_who_sees_it",
        "tests/tui/test_turns.py::test_the_second_turn_after_the_hand_over_shows_nothing_of_the_first",
    ),
    "STOP_BODY": (
        "tests/tui/test_turns.py::test_pause_then_resume_lands_at_the_same_step_behind_the_gate",
        "tests/tui/test_turns.py::test_discard_asks_twice_and_names_what_is_lost",
    ),
    "JOURNAL_EDITED": (
        "tests/test_cli_journal.py::test_edit_goes_through_memory_only_and_leaves_nothing_behind",
    ),
    "STATUS_LINE_PAUSED": (
        "tests/test_cli_status.py::test_a_check_in_from_an_earlier_week_is_paused",
    ),
    "PAUSED_NOTE": (
        "tests/tui/test_turns.py::test_pause_then_resume_lands_at_the_same_step_behind_the_gate",
    ),
    "STATUS_IN_PROGRESS": (
        "tests/tui/test_turns.py::test_a_resumed_turn_from_home_is_gated_and_home_says_only_whose_turn",
    ),
    "STATUS_TURN": (
        "tests/tui/test_turns.py::test_a_resumed_turn_from_home_is_gated_and_home_says_only_whose_turn",
    ),
    "STATUS_PAUSED_EARLIER": (
        "tests/tui/test_turns.py::test_an_earlier_weeks_paused_checkin_is_named_on_home",
    ),
    "RATING_INVALID": (
        "tests/tui/test_journal_drafts.py::test_a_rating_that_is_not_a_whole_number_is_named_and_nothing_is_saved",
        "tests/test_cli_journal.py::test_a_rating_that_is_not_a_whole_number_is_one_line_and_nothing_is_stored",
    ),
    "ANSWER_SAVED": (
        "tests/e2e/test_tmux.py::test_a_turn_resumed_after_the_terminal_closed_opens_behind_its_gate",
    ),
    "HELP_WHAT": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/e2e/test_tmux.py::test_a_turn_resumed_after_the_terminal_closed_opens_behind_its_gate",
    ),
    "HELP_WHAT_SOLO": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/tui/test_turns.py::test_pause_then_resume_lands_at_the_same_step_behind_the_gate",
    ),
    "SET_PASSPHRASE_BODY": ("tests/tui/test_journal.py::test_wrong_passphrase_shows_nothing",),
    "RECOVERY_CODE_SHOWN": (
        "tests/services/test_recovery_code.py::test_the_code_is_shown_once_and_stored_only_wrapped",
        "tests/tui/test_recovery_code.py::test_create_a_passphrase_with_a_code_forget_it_and_recover_once",
        "tests/test_cli_recovery.py::test_recover_a_forgotten_passphrase_with_the_code_which_works_once",
    ),
    "RECOVERY_MEANS": (
        "tests/services/test_recovery_code.py::test_forgotten_passphrase_recovered_with_the_code_which_works_once",
        "tests/tui/test_recovery_code.py::test_create_a_passphrase_with_a_code_forget_it_and_recover_once",
        "tests/test_cli_recovery.py::test_recover_a_forgotten_passphrase_with_the_code_which_works_once",
    ),
    "JOURNAL_LOCK_NOTE": ("tests/tui/test_journal.py::test_hide_key_locks_at_once",),
    "JOURNAL_PRIVATE_NOTE": (
        "tests/tui/test_journal.py::test_private_answers_show_in_the_authors_journal_until_locked",
    ),
    "JOURNAL_DRAFT_KEPT": (
        "tests/tui/test_journal_drafts.py::test_idle_lock_keeps_the_entry_being_written_and_unlocking_brings_it_back",
    ),
    "ENTRY_SAVED": ("tests/tui/test_journal.py::test_set_a_passphrase_then_unlock",),
    "PRIVATE_STORED": (
        "tests/tui/test_turns.py::test_the_review_shows_a_sealed_answer_as_sealed_while_locked",
    ),
    "CRASH_REPORTED": (
        "tests/tui/test_crash.py::test_forced_crash_prints_one_redacted_line",
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/tui/test_journal_drafts.py::test_a_crash_keeps_the_entry_being_written",
    ),
    "CRASH_UNREPORTED": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/tui/test_journal_drafts.py::test_a_crash_keeps_the_entry_being_written",
    ),
    "EXPORT_DIALOG_SAVED": (
        "tests/tui/test_home_keys.py::test_the_export_dialog_stacks_its_choices_on_a_narrow_terminal",
    ),
    "JOURNAL_CONFLICT": (
        "tests/test_two_terminals.py::test_a_journal_edit_from_a_stale_window_is_refused",
    ),
    "JOURNAL_GONE": (
        "tests/tui/test_journal_drafts.py::test_a_draft_of_an_entry_deleted_meanwhile_comes_back_as_a_new_entry",
    ),
    "RESTORE_SAFETY": (
        "tests/test_cli_ops.py::test_restore_over_existing_data_says_where_the_old_data_is",
    ),
    "PRIVATE_ITEM_NOTE": (
        "tests/tui/test_modules.py::test_crossroads_is_sealed_and_absent_from_partner_screens_and_reveal",
    ),
    "PRIVATE_VALUE_STORED": (
        "tests/tui/test_modules.py::test_crossroads_is_sealed_and_absent_from_partner_screens_and_reveal",
    ),
    "PRIVATE_ITEM_NEEDS_UNLOCK": (
        "tests/tui/test_modules.py::test_crossroads_is_sealed_and_absent_from_partner_screens_and_reveal",
    ),
    "SAFETY_PRIVACY": (
        "tests/tui/test_safety.py::test_yes_and_no_take_the_same_screens_and_keys",
        "tests/tui/test_safety.py::test_a_kept_yes_is_sealed_for_its_author_with_the_control_answers",
        "tests/tui/test_safety.py::test_the_check_comes_behind_the_gate_before_the_questions_and_help_before_any_passphrase",
        "tests/services/test_export_modules.py::test_sams_safety_answers_never_come_with_alexs",
        "tests/services/test_export_modules.py::test_crossroads_and_safety_are_absent_without_consent",
    ),
    "SAFETY_STORED": (
        "tests/tui/test_safety.py::test_a_kept_yes_is_sealed_for_its_author_with_the_control_answers",
        "tests/services/test_export_modules.py::test_only_the_owners_crossroads_and_safety_with_consent",
    ),
    "SAFETY_NOT_STORED": (
        "tests/tui/test_safety.py::test_the_check_comes_behind_the_gate_before_the_questions_and_help_before_any_passphrase",
    ),
    "SAFETY_KEEP_BODY": (
        "tests/tui/test_safety.py::test_the_check_comes_behind_the_gate_before_the_questions_and_help_before_any_passphrase",
        "tests/tui/test_safety.py::test_a_kept_yes_is_sealed_for_its_author_with_the_control_answers",
    ),
    "SAFETY_WEEK_BODY": (
        "tests/tui/test_safety.py::test_ending_the_weeks_joint_part_shows_one_neutral_sentence",
    ),
    "SAFETY_CLEAR_BODY": (
        "tests/tui/test_safety.py::test_support_lines_are_reachable_from_help_and_about_with_nothing_answered",
    ),
    "SUPPORT_INTRO": (
        "tests/tui/test_safety.py::test_support_lines_are_reachable_from_help_and_about_with_nothing_answered",
    ),
    "SETUP_COUNTRY": (
        "tests/tui/test_safety.py::test_setup_asks_the_country_for_the_support_lines",
    ),
    "EXPORT_SAFETY_INTRO": (
        "tests/services/test_export_modules.py::test_safety_answers_go_in_only_by_their_own_choice",
        "tests/services/test_export_modules.py::test_control_answers_travel_only_with_their_authors_consent",
    ),
    "SETTINGS_PEOPLE_HINT": (
        "tests/tui/test_people.py::test_settings_remove_asks_the_passphrase_and_restore_brings_the_journal_back",
    ),
    "SETTINGS_REMOVE_ASK": (
        "tests/tui/test_people.py::test_settings_remove_without_a_passphrase_asks_first",
    ),
    "DRAFT_KEPT": ("tests/tui/test_drafts.py::test_a_draft_is_saved_a_moment_after_the_last_key",),
    "DRAFT_SEALED": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
        "tests/services/test_drafts.py::test_a_private_draft_is_stored_sealed_and_opens_only_for_its_author",
    ),
    "DRAFT_NOT_KEPT_LOCKED": (
        "tests/tui/test_drafts.py::test_a_private_draft_typed_while_locked_is_not_written_and_says_so",
    ),
    # Issue 17, section 3: what was decided for an earlier commitment, and the summary's words.
    "STATE_CARRIED": (
        "tests/tui/test_commitments_follow_through.py::test_keep_for_another_week_carries_it_into_this_weeks_list",
        "tests/services/test_commitments.py::test_keeping_one_for_another_week_carries_it_on_linked_not_duplicated",
    ),
    "STATE_REWORDED": (
        "tests/tui/test_commitments_follow_through.py::test_change_the_words_keeps_the_old_words_on_the_original",
    ),
    "REVIEW_MORE_WAITING": (
        "tests/tui/test_commitments_follow_through.py::test_many_waiting_commitments_are_not_a_wall",
    ),
    "REVIEW_ONE_MORE_WAITING": (
        "tests/tui/test_commitments_follow_through.py::test_many_waiting_commitments_are_not_a_wall",
    ),
    "NEW_CARRIED": (
        "tests/tui/test_commitments_follow_through.py::test_keep_for_another_week_carries_it_into_this_weeks_list",
    ),
    "OUTCOME_CARRIED": (
        "tests/export/test_commitments.py::test_the_summary_lists_both_voices_and_what_carried_on_or_was_let_go",
        "tests/export/test_commitments.py::test_the_csv_has_a_row_for_each_commitment_with_both_voices",
    ),
    "OUTCOME_CARRIED_AS": (
        "tests/export/test_commitments.py::test_the_summary_lists_both_voices_and_what_carried_on_or_was_let_go",
    ),
    "DRAFT_SEALED_HIDDEN": (
        "tests/tui/test_drafts.py::test_every_way_out_keeps_the_draft_and_who_sees_it",
    ),
}

#: Messages with such a word that promise nothing: labels, buttons and figures.
SCREEN_NOT_BEHAVIOUR = {
    "COMMITMENT_LIMIT",  # "keeps them small": advice
    "HOME_RESUME",  # a button's label
    "CHART_COMMITMENTS",  # titles of a figure
    "TABLE_KEPT",
    "EXPORT_COMMITMENTS_TITLE",
    "EXPORT_COMMITMENTS_ROW",
    "EXPORT_MODULES_NOTE",  # how to read a table
    "EXPORT_COMMITMENTS_RATED",  # how a figure is counted
    "SETTINGS_SAVED",  # said after the save it reports
}


def _screen_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for module in sorted((ROOT / "src/trustcheck/messages").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                if isinstance(value, str):
                    found[node.targets[0].id] = value
    assert len(found) > 400, "the messages package moved: read it from where it is"
    return found


@pytest.mark.parametrize(
    "name",
    sorted(n for n, text in _screen_messages().items() if SCREEN_PROMISE_WORDS.search(text)),
)
def test_every_promise_on_screen_names_its_tests(name: str) -> None:
    if name in SCREEN_NOT_BEHAVIOUR:
        return
    assert SCREEN_PROMISES.get(name), f"no test keeps messages.{name} (add it, or reword it)"


@pytest.mark.parametrize("name", sorted(SCREEN_PROMISES))
def test_every_screen_promise_is_shown_and_its_tests_exist(name: str) -> None:
    assert name in _screen_messages(), f"messages.{name} is gone"
    assert re.search(rf"messages\.{name}\b", _source_of_screens()), f"messages.{name} is never used"
    for ref in SCREEN_PROMISES[name]:
        path, test = ref.split("::")
        assert test in _tests_in(ROOT / path), f"no such test: {ref}"


@cache
def _source_of_screens() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "src/trustcheck").rglob("*.py"))
    )
