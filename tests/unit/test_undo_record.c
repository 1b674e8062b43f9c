/* The record of changes and /undo's choice by it, driven through the program's own change
 * sequence on the memory store, with the fault store failing writes: the sequences of
 * issue 21 (a change rolled back after a kept one, two undos in turn, a half-changed
 * registry, a missing or damaged record). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/change.h"
#include "registry/profiles.h"
#include "registry/regfile.h"
#include "registry/regstore_fault.h"
#include "registry/regstore_memory.h"
#include "registry/undo_record.h"

#define CLIENT(p) PROTOCOLS_KEY_PATH "\\" p "\\Client"
#define MAX_BACKUPS 16

/* A PC as the program sees it: its registry, its backups folder (names and .reg text)
 * and the record of changes beside them, and a clock for the names and times. */
struct pc {
    struct memory_registry *registry;
    struct name_list backup_names;
    struct strbuf backup_bytes[MAX_BACKUPS];
    struct undo_record record;
    unsigned clock;              /* seconds since 2026-11-22 10:00:00 */
    char undone[400];            /* the command of the change the last /undo undid, by the record */
};

/* What the change commands do around the change sequence, the way command_change.c does it. */
struct change_run_state {
    struct pc *pc;
    const char *word;            /* "apply", "undo" */
    const char *command;         /* "/apply recommended" */
    int no_backup;
    int has_entry;
    size_t entry;
};

static void pc_time(struct pc *pc, char *when, size_t size)
{
    unsigned t = pc->clock;
    snprintf(when, size, "2026-11-22 %02u:%02u:%02u", 10 + t / 3600, t / 60 % 60, t % 60);
}

static struct pc *pc_new(void)
{
    struct pc *pc = calloc(1, sizeof(*pc));
    pc->registry = memory_registry_new();
    /* XP with KB4019276 before the fix. */
    memory_registry_set_dword(pc->registry, CLIENT("SSL 2.0"), "DisabledByDefault", 1);
    memory_registry_set_dword(pc->registry, CLIENT("TLS 1.1"), "DisabledByDefault", 1);
    memory_registry_set_dword(pc->registry, CLIENT("TLS 1.2"), "DisabledByDefault", 1);
    return pc;
}

static void pc_free(struct pc *pc)
{
    size_t i;
    for (i = 0; i < pc->backup_names.count; i++)
        strbuf_free(&pc->backup_bytes[i]);
    name_list_free(&pc->backup_names);
    undo_record_free(&pc->record);
    memory_registry_free(pc->registry);
    free(pc);
}

/* The step right before the first write: the backup, then the record's entry. */
static int back_up_and_record(void *context, const struct regstore *before, const struct plan *plan)
{
    struct change_run_state *run = context;
    struct pc *pc = run->pc;
    char name[96] = "", when[32];
    pc->clock++;
    pc_time(pc, when, sizeof(when));
    if (!run->no_backup) {
        size_t index = pc->backup_names.count;
        assert_true(index < MAX_BACKUPS);
        snprintf(name, sizeof(name), "20261122-%02u%02u%02u-000-%s.reg", 10 + pc->clock / 3600, pc->clock / 60 % 60,
                 pc->clock % 60, run->word);
        strbuf_init(&pc->backup_bytes[index]);
        assert_int_equal(regfile_write_backup(before, plan, "test", &pc->backup_bytes[index]), REGSTORE_OK);
        assert_int_equal(name_list_add(&pc->backup_names, name), REGSTORE_OK);
    }
    assert_int_equal(undo_record_add(&pc->record, name, when, run->command), REGSTORE_OK);
    run->has_entry = 1;
    run->entry = pc->record.count - 1;
    return 0;
}

/* Runs `ops` on the PC's registry through the fault store (`fail`, `also_fail`: the writes
 * to fail, 0 for none); returns how the change ended. */
static enum change_end pc_change(struct pc *pc, const struct regops *ops, const char *word, const char *command,
                                 unsigned fail, unsigned also_fail, int no_backup)
{
    struct fault_store fault;
    struct regstore store;
    struct change_run_state run;
    struct change_steps steps = { NULL, NULL, back_up_and_record };
    struct change_result result;
    enum change_end end;

    memset(&fault, 0, sizeof(fault));
    fault.inner = memory_registry_store(pc->registry);
    fault.fail_write_number = fail;
    fault.also_fail_write_number = also_fail;
    store = fault_store_wrap(&fault);
    memset(&run, 0, sizeof(run));
    run.pc = pc;
    run.word = word;
    run.command = command;
    run.no_backup = no_backup;
    steps.context = &run;
    change_run(&store, SCHANNEL_KEY_PATH, ops, 0, &steps, &result);
    if (run.has_entry)
        pc->record.entries[run.entry].ending = change_ending_of(&result);
    end = result.end;
    change_result_free(&result);
    return end;
}

static enum change_end pc_apply(struct pc *pc, const char *profile, unsigned fail, unsigned also_fail)
{
    struct protocol_targets targets;
    struct regops ops = { NULL, 0 };
    char command[64];
    enum change_end end;
    snprintf(command, sizeof(command), "/apply %s", profile);
    assert_int_equal(profile_targets(profile, &targets), 0);
    assert_int_equal(targets_to_regops(&targets, &ops), REGSTORE_OK);
    end = pc_change(pc, &ops, "apply", command, fail, also_fail, 0);
    regops_free(&ops);
    return end;
}

static const struct strbuf *backup_named(const struct pc *pc, const char *name)
{
    size_t i;
    for (i = 0; i < pc->backup_names.count; i++)
        if (strcmp(pc->backup_names.names[i], name) == 0)
            return &pc->backup_bytes[i];
    fail_msg("no backup %s", name);
    return NULL;
}

static void backup_ops(const struct pc *pc, const char *name, struct regops *ops)
{
    const struct strbuf *bytes = backup_named(pc, name);
    struct strbuf text;
    struct regfile_error error;
    strbuf_init(&text);
    assert_int_equal(regfile_decode_unicode((const unsigned char *)bytes->data, bytes->length, &text, &error), 1);
    assert_int_equal(regfile_parse(text.data, text.length, 1, ops, &error), 0);
    strbuf_free(&text);
}

/* The fallback's question, answered as the program answers it: would restoring the
 * backup change the registry now, or the state the backup `than` holds (the registry now
 * with `than` restored on a copy)? */
static int backup_differs(void *context, const char *name, const char *than)
{
    struct pc *pc = context;
    struct memory_registry *copy = memory_registry_new();
    struct regstore now = memory_registry_store(pc->registry), model = memory_registry_store(copy);
    struct change_steps none = { NULL, NULL, NULL };
    struct change_result result;
    struct regops ops = { NULL, 0 };
    int differs;
    assert_int_equal(model_load(&now, SCHANNEL_KEY_PATH, &model), REGSTORE_OK);
    if (than) {
        backup_ops(pc, than, &ops);
        assert_int_equal(regops_apply(&model, &ops), REGSTORE_OK);
        regops_free(&ops);
    }
    backup_ops(pc, name, &ops);
    change_run(&model, SCHANNEL_KEY_PATH, &ops, 1, &none, &result);
    differs = result.end == CHANGE_PLANNED_ONLY;
    change_result_free(&result);
    regops_free(&ops);
    memory_registry_free(copy);
    return differs;
}

/* /undo: chooses, restores what it chose as a change of its own, and marks the change it
 * undid. Returns the choice's outcome; *chosen the backup restored. */
static enum undo_outcome pc_undo_in(struct pc *pc, enum undo_record_state state, struct undo_choice *choice)
{
    struct regops ops = { NULL, 0 };
    size_t undoing = 0;
    enum change_end end;
    assert_int_equal(undo_choose(&pc->record, state, &pc->backup_names, backup_differs, pc, choice), REGSTORE_OK);
    if (choice->outcome != UNDO_FROM_RECORD && choice->outcome != UNDO_FROM_BACKUPS)
        return choice->outcome;
    /* choice->entry points into the record, which /undo's own entry may move. */
    pc->undone[0] = '\0';
    if (choice->outcome == UNDO_FROM_RECORD) {
        undoing = (size_t)(choice->entry - pc->record.entries);
        snprintf(pc->undone, sizeof(pc->undone), "%s", choice->entry->command);
        choice->entry = NULL;
    }
    backup_ops(pc, choice->backup, &ops);
    end = pc_change(pc, &ops, "undo", "/undo", 0, 0, 0);
    regops_free(&ops);
    if (choice->outcome == UNDO_FROM_RECORD && (end == CHANGE_WRITTEN || end == CHANGE_NOTHING_TO_DO))
        pc->record.entries[undoing].ending = ENDING_UNDONE;
    return choice->outcome;
}

static enum undo_outcome pc_undo(struct pc *pc, struct undo_choice *choice)
{
    return pc_undo_in(pc, RECORD_READ, choice);
}

/* A copy of the registry now, to compare with later. */
static struct memory_registry *snapshot(struct pc *pc)
{
    struct memory_registry *copy = memory_registry_new();
    struct regstore from = memory_registry_store(pc->registry), to = memory_registry_store(copy);
    assert_int_equal(model_load(&from, SCHANNEL_KEY_PATH, &to), REGSTORE_OK);
    return copy;
}

static int same_as(struct pc *pc, struct memory_registry *expected)
{
    struct regstore a = memory_registry_store(pc->registry), b = memory_registry_store(expected);
    struct plan difference;
    size_t count;
    assert_int_equal(plan_diff(&a, &b, SCHANNEL_KEY_PATH, &difference), REGSTORE_OK);
    count = difference.count;
    plan_free(&difference);
    return count == 0;
}

static void the_record_reads_back_what_was_written(void **state)
{
    struct undo_record record = { NULL, 0 }, again;
    struct strbuf text;
    unsigned bad_line = 99;
    (void)state;
    assert_int_equal(undo_record_add(&record, "20261122-101500-123-apply.reg", "2026-11-22 10:15:00", "/apply recommended"),
                     REGSTORE_OK);
    assert_int_equal(undo_record_add(&record, "", "2026-11-22 10:16:00", "/set tls1.2=on"), REGSTORE_OK);
    assert_int_equal(undo_record_add(&record, "20261122-101700-000-restore.reg", "2026-11-22 10:17:00",
                                     "/restore C:\\設定\\a\tb.reg"),
                     REGSTORE_OK);
    record.entries[0].ending = ENDING_KEPT;
    record.entries[1].ending = ENDING_HALF_CHANGED;
    strbuf_init(&text);
    undo_record_format(&record, &text);
    assert_non_null(strstr(text.data, "kept\t2026-11-22 10:15:00\t20261122-101500-123-apply.reg\t/apply recommended\r\n"));
    assert_non_null(strstr(text.data, "half-changed\t2026-11-22 10:16:00\t-\t/set tls1.2=on\r\n"));
    /* A tab in a command (a file name) cannot split its line. */
    assert_non_null(strstr(text.data, "started\t2026-11-22 10:17:00\t20261122-101700-000-restore.reg\t/restore C:\\設定\\a b.reg\r\n"));
    assert_int_equal(undo_record_parse(text.data, text.length, &again, &bad_line), 0);
    assert_int_equal(again.count, 3);
    assert_string_equal(again.entries[0].backup, "20261122-101500-123-apply.reg");
    assert_int_equal(again.entries[0].ending, ENDING_KEPT);
    assert_string_equal(again.entries[1].backup, "");
    assert_int_equal(again.entries[1].ending, ENDING_HALF_CHANGED);
    assert_string_equal(again.entries[2].command, "/restore C:\\設定\\a b.reg");
    assert_int_equal(again.entries[2].ending, ENDING_STARTED);
    undo_record_free(&again);
    undo_record_free(&record);
    strbuf_free(&text);
}

static void a_damaged_record_is_refused_at_its_line(void **state)
{
    static const struct {
        const char *text;
        unsigned line;
    } cases[] = {
        { "", 1 },
        { "TLS Switch record of changes 2\r\n", 1 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.reg\t/apply x\r\nkeep\t2026-11-22 10:15:00\tb.reg\t/apply x\r\n", 3 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15\ta.reg\t/apply x\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\t..\\..\\evil.reg\t/apply x\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\tC:evil.reg\t/apply x\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.txt\t/apply x\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.reg\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.reg\tapply x\r\n", 2 },
        { "TLS Switch record of changes 1\r\n\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.reg\t/apply \xff\xfe\r\n", 2 },
        { "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.reg\t/apply\x01x\r\n", 2 },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct undo_record record;
        unsigned bad_line = 0;
        if (undo_record_parse(cases[i].text, strlen(cases[i].text), &record, &bad_line) != -1)
            fail_msg("case %u was read", (unsigned)i);
        assert_int_equal(bad_line, cases[i].line);
        assert_int_equal(record.count, 0);
    }
    {
        /* A NUL byte inside a line. */
        static const char nul[] = "TLS Switch record of changes 1\r\nkept\t2026-11-22 10:15:00\ta.reg\t/ap\0ply\r\n";
        struct undo_record record;
        unsigned bad_line = 0;
        assert_int_equal(undo_record_parse(nul, sizeof(nul) - 1, &record, &bad_line), -1);
        assert_int_equal(bad_line, 2);
    }
}

static void a_backup_name_says_when_and_what(void **state)
{
    char when[32], word[32];
    (void)state;
    assert_int_equal(undo_backup_name_parse("20261122-101500-123-apply.reg", when, sizeof(when), word, sizeof(word)), 0);
    assert_string_equal(when, "2026-11-22 10:15:00");
    assert_string_equal(word, "apply");
    assert_int_equal(undo_backup_name_parse("saved by hand.reg", when, sizeof(when), word, sizeof(word)), -1);
    assert_int_equal(undo_backup_name_parse("20261122-101500-123-.reg", when, sizeof(when), word, sizeof(word)), -1);
    assert_int_equal(undo_backup_name_parse("2026112-101500-123-apply.reg", when, sizeof(when), word, sizeof(word)), -1);
}

/* Issue 21's sequence: /apply writes (B1); a later change fails and is rolled back (B2,
 * made before its failed write); /undo must restore B1, not the newer B2. */
static void undo_skips_a_change_that_was_rolled_back(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *before = snapshot(pc), *after_apply;
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    after_apply = snapshot(pc);
    assert_int_equal(pc_apply(pc, "tls12only", 3, 0), CHANGE_ROLLED_BACK);
    assert_true(same_as(pc, after_apply));
    assert_int_equal(pc->record.entries[1].ending, ENDING_ROLLED_BACK);
    /* The newest backup by name is the rolled-back change's: the state after /apply. */
    assert_int_equal(pc->backup_names.count, 2);
    assert_true(strcmp(pc->backup_names.names[1], pc->backup_names.names[0]) > 0);

    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_RECORD);
    assert_string_equal(choice.backup, pc->backup_names.names[0]);
    assert_true(same_as(pc, before));
    assert_int_equal(pc->record.entries[0].ending, ENDING_UNDONE);
    assert_int_equal(pc->record.entries[2].ending, ENDING_KEPT);   /* /undo's own change */
    memory_registry_free(before);
    memory_registry_free(after_apply);
    pc_free(pc);
}

static void undo_twice_undoes_the_two_last_kept_changes_in_turn(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *before = snapshot(pc), *after_first;
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    after_first = snapshot(pc);
    assert_int_equal(pc_apply(pc, "tls12only", 0, 0), CHANGE_WRITTEN);
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_RECORD);
    assert_string_equal(pc->undone, "/apply tls12only");
    assert_true(same_as(pc, after_first));
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_RECORD);
    assert_string_equal(pc->undone, "/apply recommended");
    assert_true(same_as(pc, before));
    /* No redo: /undo's own changes are never undone. */
    assert_int_equal(pc_undo(pc, &choice), UNDO_NOTHING_LEFT);
    assert_int_equal(choice.fallback, FALLBACK_NONE);
    assert_true(same_as(pc, before));
    memory_registry_free(before);
    memory_registry_free(after_first);
    pc_free(pc);
}

/* Two faults, the failed write's and the rollback's: the registry is half changed, the
 * record says so, and /undo restores that change's backup. */
static void a_half_changed_registry_is_recorded_and_undone(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *before = snapshot(pc);
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "tls12only", 3, 4), CHANGE_HALF_CHANGED);
    assert_false(same_as(pc, before));
    assert_int_equal(pc->record.entries[0].ending, ENDING_HALF_CHANGED);
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_RECORD);
    assert_true(same_as(pc, before));
    memory_registry_free(before);
    pc_free(pc);
}

static void a_change_ended_in_the_middle_is_undone_by_its_backup(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *before = snapshot(pc);
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    pc->record.entries[0].ending = ENDING_STARTED;   /* its process ended before it could say */
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_RECORD);
    assert_string_equal(pc->undone, "/apply recommended");
    assert_int_equal(pc->record.entries[0].ending, ENDING_UNDONE);
    assert_true(same_as(pc, before));
    memory_registry_free(before);
    pc_free(pc);
}

/* Without the record (missing or damaged), the newest backup that differs from now: the
 * rolled-back change's backup is the state now, so /undo goes past it. */
static void a_missing_or_damaged_record_falls_back_to_a_backup_that_differs(void **state)
{
    enum undo_record_state states[] = { RECORD_MISSING, RECORD_DAMAGED };
    size_t i;
    (void)state;
    for (i = 0; i < 2; i++) {
        struct pc *pc = pc_new();
        struct memory_registry *before = snapshot(pc);
        struct undo_choice choice;
        assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
        assert_int_equal(pc_apply(pc, "tls12only", 2, 0), CHANGE_ROLLED_BACK);
        assert_int_equal(pc_undo_in(pc, states[i], &choice), UNDO_FROM_BACKUPS);
        assert_int_equal(choice.fallback, i == 0 ? FALLBACK_RECORD_MISSING : FALLBACK_RECORD_DAMAGED);
        assert_string_equal(choice.backup, pc->backup_names.names[0]);
        assert_true(same_as(pc, before));
        /* /undo's own backup is never chosen; nothing else differs now. */
        assert_int_equal(pc_undo_in(pc, states[i], &choice), UNDO_NOTHING_LEFT);
        assert_int_equal(choice.fallback, i == 0 ? FALLBACK_RECORD_MISSING : FALLBACK_RECORD_DAMAGED);
        memory_registry_free(before);
        pc_free(pc);
    }
    {
        struct pc *pc = pc_new();
        struct undo_choice choice;
        assert_int_equal(pc_undo_in(pc, RECORD_MISSING, &choice), UNDO_NO_BACKUPS);
        pc_free(pc);
    }
}

/* Going by the backups alone, /undo twice still undoes the two last changes in turn: an
 * /undo's own backup shows which change it undid. */
static void without_the_record_two_undos_still_go_back_in_turn(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *before = snapshot(pc), *after_first;
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    after_first = snapshot(pc);
    assert_int_equal(pc_apply(pc, "tls12only", 0, 0), CHANGE_WRITTEN);
    assert_int_equal(pc_undo_in(pc, RECORD_MISSING, &choice), UNDO_FROM_BACKUPS);
    assert_true(same_as(pc, after_first));
    assert_int_equal(pc_undo_in(pc, RECORD_MISSING, &choice), UNDO_FROM_BACKUPS);
    assert_true(same_as(pc, before));
    assert_int_equal(pc_undo_in(pc, RECORD_MISSING, &choice), UNDO_NOTHING_LEFT);
    assert_true(same_as(pc, before));
    memory_registry_free(before);
    memory_registry_free(after_first);
    pc_free(pc);
}

/* A backup the record does not list, made after the record began: the record missed a
 * change, so it is not trusted to say which came last. */
static void a_record_that_missed_a_change_is_not_trusted(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *after_first;
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    after_first = snapshot(pc);
    assert_int_equal(pc_apply(pc, "tls12only", 0, 0), CHANGE_WRITTEN);
    pc->record.count = 1;   /* the second change's entry could not be written */
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_BACKUPS);
    assert_int_equal(choice.fallback, FALLBACK_RECORD_INCOMPLETE);
    assert_string_equal(choice.unlisted, pc->backup_names.names[1]);
    assert_string_equal(choice.backup, pc->backup_names.names[1]);
    assert_true(same_as(pc, after_first));
    memory_registry_free(after_first);
    pc_free(pc);
}

/* Backups from before the record began (an older TLS Switch): once the record has
 * nothing left, /undo goes by them, and says so. */
static void backups_older_than_the_record_are_gone_by_themselves(void **state)
{
    struct pc *pc = pc_new();
    struct memory_registry *before = snapshot(pc), *after_first;
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    after_first = snapshot(pc);
    undo_record_free(&pc->record);   /* made before there was a record */
    assert_int_equal(pc_apply(pc, "tls12only", 0, 0), CHANGE_WRITTEN);
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_RECORD);
    assert_true(same_as(pc, after_first));
    assert_int_equal(pc_undo(pc, &choice), UNDO_FROM_BACKUPS);
    assert_int_equal(choice.fallback, FALLBACK_RECORD_ENDS);
    assert_string_equal(choice.backup, pc->backup_names.names[0]);
    assert_true(same_as(pc, before));
    memory_registry_free(before);
    memory_registry_free(after_first);
    pc_free(pc);
}

static void a_kept_change_without_a_backup_is_not_undone_by_an_older_one(void **state)
{
    struct pc *pc = pc_new();
    struct protocol_targets targets;
    struct regops ops = { NULL, 0 };
    struct memory_registry *now;
    struct undo_choice choice;
    (void)state;
    assert_int_equal(pc_apply(pc, "recommended", 0, 0), CHANGE_WRITTEN);
    char *bad = NULL;
    assert_int_equal(set_spec_parse("tls1.0=off", &targets, &bad), 0);
    assert_int_equal(targets_to_regops(&targets, &ops), REGSTORE_OK);
    assert_int_equal(pc_change(pc, &ops, "set", "/set tls1.0=off", 0, 0, 1), CHANGE_WRITTEN);
    regops_free(&ops);
    now = snapshot(pc);
    assert_int_equal(pc_undo(pc, &choice), UNDO_NO_BACKUP);
    assert_string_equal(choice.entry->command, "/set tls1.0=off");
    assert_true(same_as(pc, now));

    /* A kept change whose backup has gone. */
    pc->record.entries[1].ending = ENDING_ROLLED_BACK;
    snprintf(pc->backup_names.names[0], strlen(pc->backup_names.names[0]) + 1, "%s", "gone.reg");
    assert_int_equal(pc_undo(pc, &choice), UNDO_BACKUP_GONE);
    assert_string_equal(choice.entry->command, "/apply recommended");
    assert_true(same_as(pc, now));
    memory_registry_free(now);
    pc_free(pc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_record_reads_back_what_was_written),
        cmocka_unit_test(a_damaged_record_is_refused_at_its_line),
        cmocka_unit_test(a_backup_name_says_when_and_what),
        cmocka_unit_test(undo_skips_a_change_that_was_rolled_back),
        cmocka_unit_test(undo_twice_undoes_the_two_last_kept_changes_in_turn),
        cmocka_unit_test(a_half_changed_registry_is_recorded_and_undone),
        cmocka_unit_test(a_change_ended_in_the_middle_is_undone_by_its_backup),
        cmocka_unit_test(a_missing_or_damaged_record_falls_back_to_a_backup_that_differs),
        cmocka_unit_test(without_the_record_two_undos_still_go_back_in_turn),
        cmocka_unit_test(a_record_that_missed_a_change_is_not_trusted),
        cmocka_unit_test(backups_older_than_the_record_are_gone_by_themselves),
        cmocka_unit_test(a_kept_change_without_a_backup_is_not_undone_by_an_older_one),
    };
    return cmocka_run_group_tests_name("undo_record", tests, NULL, NULL);
}
