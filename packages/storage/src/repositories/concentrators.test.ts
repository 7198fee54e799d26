import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { makeArea, makeMeter, testNow, unique } from '../../test/fixtures.ts';

describeEachEngine('concentrators', (context) => {
  const fields = (areaId: number, terminalAddress: number, areaCode = '4101') => ({
    areaId,
    name: unique('JZQ'),
    areaCode,
    terminalAddress,
    masterAddress: 1,
    model: 'DJGZ23',
    variant: 'gb2013',
    notes: '',
  });
  const page = { offset: 0, limit: 50, sort: 'id' as const, direction: 'asc' as const };

  it('keeps one concentrator per (area code, terminal address) and lists by area scope', async () => {
    const north = await makeArea(context.store);
    const south = await makeArea(context.store);
    const a = await context.store.concentrators.create(fields(north.id, 7), testNow);
    expect(a).toMatchObject({ areaCode: '4101', terminalAddress: 7, online: false, signalDbm: null });
    await expect(context.store.concentrators.create(fields(south.id, 7), testNow)).rejects.toThrow();
    const b = await context.store.concentrators.create(fields(south.id, 7, '0001'), testNow);
    expect(b.areaCode).toBe('0001');
    expect((await context.store.concentrators.byAddress('0001', 7))?.id).toBe(b.id);
    const mine = await context.store.concentrators.list({ kind: 'paths', paths: [north.path] }, {}, page);
    expect(mine.items.map((c) => c.id)).toEqual([a.id]);
    expect(mine.total).toBe(1);
    const byCode = await context.store.concentrators.list({ kind: 'all' }, { areaCode: '0001' }, page);
    expect(byCode.items.map((c) => c.id)).toContain(b.id);
    expect(byCode.items.map((c) => c.id)).not.toContain(a.id);
  });

  it('refuses addresses out of range in the schema', async () => {
    const area = await makeArea(context.store);
    await expect(context.store.concentrators.create(fields(area.id, 65_536), testNow)).rejects.toThrow();
    await expect(
      context.store.concentrators.create({ ...fields(area.id, 3), masterAddress: 128 }, testNow),
    ).rejects.toThrow();
  });

  it('puts meters on measuring points, one per point, never also on a terminal port', async () => {
    const area = await makeArea(context.store);
    const c = await context.store.concentrators.create(fields(area.id, 100), testNow);
    const m1 = await makeMeter(context.store, area.id);
    const m2 = await makeMeter(context.store, area.id);
    expect(await context.store.concentrators.assignMeter(m1.id, c.id, 1, testNow)).toEqual({ ok: true });
    expect(await context.store.concentrators.assignMeter(m2.id, c.id, 1, testNow)).toEqual({
      ok: false,
      reason: 'point_taken',
    });
    expect(await context.store.concentrators.assignMeter(m2.id, c.id, 2040, testNow)).toEqual({ ok: true });
    // Moving a meter to another point frees its old one.
    expect(await context.store.concentrators.assignMeter(m1.id, c.id, 5, testNow)).toEqual({ ok: true });
    expect(await context.store.concentrators.meters(c.id)).toEqual([
      { meterId: m1.id, factoryNo: m1.factoryNo, commAddress: m1.commAddress, measuringPoint: 5 },
      { meterId: m2.id, factoryNo: m2.factoryNo, commAddress: m2.commAddress, measuringPoint: 2040 },
    ]);
    const meter = await context.store.meters.get(m1.id);
    expect([meter?.concentratorId, meter?.measuringPoint]).toEqual([c.id, 5]);

    const terminal = await context.store.terminals.create(
      { areaId: area.id, name: unique('T'), model: 'DH604', mode: 'tcp_client', address: unique('DTU') },
      [{ portNo: 1, baud: 2400, parity: 'E', dataBits: 8, stopBits: 1, protocol: 'dlt645_2007' }],
      testNow,
    );
    const portId = terminal.ports[0]?.id ?? 0;
    const onPort = await makeMeter(context.store, area.id, { terminalPortId: portId });
    expect(await context.store.concentrators.assignMeter(onPort.id, c.id, 9, testNow)).toEqual({
      ok: false,
      reason: 'meter_on_port',
    });
    // The schema holds the rule too, whoever writes.
    await expect(context.store.meters.update(m1.id, { terminalPortId: portId }, testNow)).rejects.toThrow();
    await expect(
      context.store.db
        .updateTable('meters')
        .set({ concentratorId: c.id, measuringPoint: 2041 })
        .where('id', '=', onPort.id)
        .execute(),
    ).rejects.toThrow();
    await expect(
      context.store.db
        .updateTable('meters')
        .set({ terminalPortId: null, concentratorId: c.id, measuringPoint: null })
        .where('id', '=', onPort.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('refuses to remove a concentrator with meters behind it; removes it once empty', async () => {
    const area = await makeArea(context.store);
    const c = await context.store.concentrators.create(fields(area.id, 200), testNow);
    const m = await makeMeter(context.store, area.id);
    await context.store.concentrators.assignMeter(m.id, c.id, 3, testNow);
    expect(await context.store.concentrators.remove(c.id)).toBe('not_empty');
    expect(await context.store.concentrators.unassignMeter(m.id, testNow)).toBe(true);
    expect(await context.store.concentrators.unassignMeter(m.id, testNow)).toBe(false);
    expect(await context.store.concentrators.remove(c.id)).toBe('removed');
    expect(await context.store.concentrators.remove(c.id)).toBe('not_found');
  });

  it('records the field state the head-end sees, leaving the archive edit time alone', async () => {
    const area = await makeArea(context.store);
    const c = await context.store.concentrators.create(fields(area.id, 300), testNow);
    await context.store.concentrators.recordFieldState(c.id, {
      online: true,
      lastLoginAt: testNow + 1000,
      lastHeartbeatAt: testNow + 2000,
      signalDbm: -71,
    });
    expect(await context.store.concentrators.get(c.id)).toMatchObject({
      online: true,
      lastLoginAt: testNow + 1000,
      lastHeartbeatAt: testNow + 2000,
      signalDbm: -71,
      updatedAt: testNow,
    });
    await context.store.concentrators.recordFieldState(c.id, { online: false });
    expect(await context.store.concentrators.get(c.id)).toMatchObject({ online: false, signalDbm: -71 });
    expect(await context.store.concentrators.recordFieldState(c.id + 10_000, { online: true })).toBe(false);
  });
});
