package dev.lookalike.dedup;

import java.util.List;

/**
 * Files that are copies of one another: the suggested keeper and the files within the threshold of it.
 *
 * @param members the keeper first, then the others by decreasing cosine with it, then path
 * @param reason  why the keeper was chosen over the others
 */
public record DuplicateGroup(List<GroupMember> members, KeeperRule.Reason reason) {

    public DuplicateGroup {
        members = List.copyOf(members);
        if (members.size() < 2) {
            throw new IllegalArgumentException("a group needs two or more files, got " + members);
        }
    }

    /** The suggested file to keep. */
    public GroupMember keep() {
        return members.getFirst();
    }

    /** Every member but the keeper: what moving the duplicates would move. */
    public List<GroupMember> duplicates() {
        return members.subList(1, members.size());
    }

    /** The bytes the duplicates take. */
    public long duplicateBytes() {
        return duplicates().stream().mapToLong(GroupMember::size).sum();
    }
}
