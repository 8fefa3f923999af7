import { describe, expect, it } from 'vitest';
import { channelActions, createRefusalOf, messageActions, messageRefusalOf, parseMentions } from './rules';

describe('mentions', () => {
  it('reads usernames after @, once each, in order, lower-cased', () => {
    expect(parseMentions('@isf.hebron please call @PASF.Hebron, then @isf.hebron again.')).toEqual([
      'isf.hebron',
      'pasf.hebron',
    ]);
  });

  it('ends a name at a full stop or punctuation, in any script', () => {
    expect(parseMentions('تواصل مع @pasf.hebron. שלום @coord.duty، (@ussc.ssr)')).toEqual([
      'pasf.hebron',
      'coord.duty',
      'ussc.ssr',
    ]);
  });

  it('does not take an e-mail address or a lone @ for a mention', () => {
    expect(parseMentions('write to duty@ussc.example.org or @ alone or a@b')).toEqual([]);
  });
});

describe('who opens which channel', () => {
  it('keeps crisis rooms and hotlines to the coordinator, the rest to those who coordinate for a party', () => {
    expect(createRefusalOf('crisis', 'USSC', ['coordinator'])).toBeNull();
    expect(createRefusalOf('hotline', 'ISF', ['supervisor'])).toBe('coordinator_only');
    expect(createRefusalOf('standing', 'ISF', ['officer'])).toBeNull();
    expect(createRefusalOf('working_group', 'USSC', ['administrator'])).toBe('not_coordinating');
    expect(createRefusalOf('request', null, ['officer'])).toBe('no_party');
  });

  it('lets only the coordinator manage and close a crisis room, and nothing change once closed', () => {
    const room = { kind: 'crisis' as const, status: 'open' as const, createdBy: 'c' };
    expect(channelActions(room, { userId: 'c', roles: ['coordinator'] })).toEqual({
      post: true,
      addMember: true,
      removeMember: true,
      close: true,
    });
    expect(channelActions(room, { userId: 'o', roles: ['officer'] })).toEqual({
      post: true,
      addMember: false,
      removeMember: false,
      close: false,
    });
    expect(
      Object.values(channelActions({ ...room, status: 'closed' }, { userId: 'c', roles: ['coordinator'] })),
    ).toEqual([false, false, false, false]);
    const standing = { kind: 'standing' as const, status: 'open' as const, createdBy: 'o' };
    expect(channelActions(standing, { userId: 'o', roles: ['officer'] })).toMatchObject({
      addMember: true,
      removeMember: true,
      close: false,
    });
    expect(channelActions(standing, { userId: 'x', roles: ['officer'] })).toMatchObject({
      addMember: true,
      removeMember: false,
    });
    // Nobody removes another from a request's thread, not even a supervisor or the coordinator.
    const thread = { kind: 'request' as const, status: 'open' as const, createdBy: 'o' };
    for (const roles of [['supervisor'], ['coordinator'], ['officer']] as const)
      expect(channelActions(thread, { userId: 'o', roles })).toMatchObject({
        addMember: true,
        removeMember: false,
      });
  });
});

describe('what a reader may do with a message', () => {
  const open = { status: 'open' };
  const mine = { authorId: 'me', urgent: true, deleted: false };
  it('lets its author change it while it and its channel last, and others acknowledge it when urgent', () => {
    expect(messageActions(open, mine, 'me')).toEqual({
      edit: true,
      delete: true,
      attach: true,
      acknowledge: false,
      share: false,
    });
    expect(messageActions(open, mine, 'you')).toEqual({
      edit: false,
      delete: false,
      attach: false,
      acknowledge: true,
      share: false,
    });
    expect(messageActions(open, { ...mine, urgent: false }, 'you').acknowledge).toBe(false);
    expect(messageActions(open, { ...mine, deleted: true }, 'me')).toEqual({
      edit: false,
      delete: false,
      attach: false,
      acknowledge: false,
      share: false,
    });
    // Its author shares it as information in a working group's channel, once.
    const inGroup = { ...mine, groupChannel: true };
    expect(messageActions(open, inGroup, 'me').share).toBe(true);
    expect(messageActions(open, inGroup, 'you').share).toBe(false);
    expect(messageActions(open, { ...inGroup, shared: true }, 'me').share).toBe(false);
    expect(messageRefusalOf('share', open, mine, 'me')).toBe('not_a_group_channel');
    expect(messageRefusalOf('share', open, { ...inGroup, shared: true }, 'me')).toBe('message_shared');
    expect(messageActions({ status: 'closed' }, mine, 'me').edit).toBe(false);
    expect(messageActions({ status: 'closed' }, mine, 'you').acknowledge).toBe(false);
  });

  it('answers the refusals in the order the commands check them', () => {
    expect(messageRefusalOf('change', { status: 'closed' }, undefined, 'me')).toBe('channel_closed');
    expect(messageRefusalOf('change', open, undefined, 'me')).toBe('message_not_found');
    expect(messageRefusalOf('change', open, { ...mine, deleted: true }, 'you')).toBe('not_your_message');
    expect(messageRefusalOf('change', open, { ...mine, deleted: true }, 'me')).toBe('message_deleted');
    expect(messageRefusalOf('acknowledge', open, { ...mine, urgent: false, deleted: true }, 'me')).toBe(
      'not_urgent',
    );
    expect(messageRefusalOf('acknowledge', open, { ...mine, deleted: true }, 'me')).toBe('message_deleted');
    expect(messageRefusalOf('acknowledge', open, mine, 'me')).toBe('own_message');
  });
});
