/**
 * Reading an inventory export or IT's form into a device: headers as real exports write them
 * (Swedish and English), messy cells (Swedish decimal comma, "2 499 kr", Excel date serials, IMEI
 * as a number, "Namn <adress>"), Swedish messages naming the column, and what a re-import changes.
 */
import { describe, expect, it } from 'vitest';
import {
  deviceChanges,
  deviceColumns,
  deviceTitle,
  describeChanges,
  identifierKey,
  missingDeviceColumns,
  parseDeviceKind,
  parseDeviceStatus,
  parseHolder,
  readDevice,
  rowCells,
  rowMessages,
} from '../../../src/domain/devices/inventory-import.js';
import { parseCsv } from '../../../src/register-io/read-table.js';
import type { CalendarDate } from '../../../src/domain/calendar.js';

const TODAY = '2026-12-04' as CalendarDate;

describe('inventory columns', () => {
  it('finds the columns under Swedish and English headers, whatever the case and punctuation', () => {
    expect(deviceColumns(['Typ', 'Serienummer', 'Modell', 'Inköpsdatum', 'Innehavare', 'Kostnad (kr)', 'Okänd'])).toEqual({
      kind: 0,
      identifier: 1,
      model: 2,
      purchaseDate: 3,
      holder: 4,
      cost: 5,
    });
    expect(deviceColumns(['Device type', 'IMEI', 'Model', 'Purchase date', 'Assigned to', 'Cost', 'Status', 'Notes'])).toEqual({
      kind: 0,
      identifier: 1,
      model: 2,
      purchaseDate: 3,
      holder: 4,
      cost: 5,
      status: 6,
      notes: 7,
    });
    expect(deviceColumns(['TYP', 'Abonnemangsnummer', 'E-post', 'Årskostnad'])).toEqual({ kind: 0, identifier: 1, holder: 2, cost: 3 });
  });

  it('says in Swedish what a file lacks and which headers it has', () => {
    expect(missingDeviceColumns(deviceColumns(['Modell', 'Innehavare']), ['Modell', 'Innehavare'])).toBe(
      'Filen saknar "Typ" och "Serienummer", "IMEI" eller "Abonnemangsnummer". Rubrikerna i filen är: "Modell", "Innehavare".',
    );
    expect(missingDeviceColumns(deviceColumns(['Typ', 'IMEI']), ['Typ', 'IMEI'])).toBeNull();
  });
});

describe('inventory values', () => {
  it('reads types, statuses and holders as inventories write them', () => {
    expect(['Bärbar dator', 'Laptop', 'iPhone', 'SIM-kort', 'Tablet', 'Skärm', '', 'Kaffebryggare'].map(parseDeviceKind)).toEqual([
      'dator',
      'dator',
      'mobiltelefon',
      'abonnemang',
      'surfplatta',
      'övrigt',
      null,
      undefined,
    ]);
    expect(['I bruk', 'In stock', 'Kasserad', 'Uppsagd', 'okänd'].map(parseDeviceStatus)).toEqual([
      'i bruk',
      'återlämnad',
      'skrotad',
      'avslutad',
      undefined,
    ]);
    expect(
      ['Anna.Andersson@Kommun.se', 'Anna Andersson <anna@kommun.se>', 'mailto:bo@kommun.se', '-', 'Anna Andersson'].map(parseHolder),
    ).toEqual(['anna.andersson@kommun.se', 'anna@kommun.se', 'bo@kommun.se', null, undefined]);
    expect(identifierKey(' 070-123 45 67 ')).toBe(identifierKey('070-1234567'));
  });

  it('reads a messy semicolon CSV row: BOM, "2 499 kr", decimal comma, Excel serial, IMEI as digits', () => {
    const table = parseCsv(
      '\ufeffTyp;IMEI/Serienummer;Serienummer;Modell;Inköpsdatum;Innehavare;Kostnad\r\n' +
        'Mobil;;356938035643809;iPhone 13;45292;Kim Lärare <KIM@exempelkommun.se>;2 499 kr\r\n' +
        ';;;;;;\r\n' +
        'Abonnemang;;070-123 45 67;;2024-01-15;kim@exempelkommun.se;1 234,50\r\n',
    );
    expect(table.rows).toHaveLength(2);
    const columns = deviceColumns(table.headers);
    const phone = readDevice(rowCells(table.rows[0]!.cells, columns), TODAY);
    expect(phone).toEqual({
      ok: true,
      value: {
        kind: 'mobiltelefon',
        identifier: '356938035643809',
        model: 'iPhone 13',
        purchaseDate: '2024-01-01',
        holder: 'kim@exempelkommun.se',
        cost: 2499,
      },
    });
    expect(phone.ok && deviceTitle(phone.value)).toBe('iPhone 13');
    const subscription = readDevice(rowCells(table.rows[1]!.cells, columns), TODAY);
    expect(subscription).toMatchObject({ ok: true, value: { kind: 'abonnemang', identifier: '070-123 45 67', model: null, cost: 1234.5 } });
    expect(subscription.ok && deviceTitle(subscription.value)).toBe('Abonnemang');
  });

  it('reads typed .xlsx cells: an IMEI number and a date cell', () => {
    expect(
      readDevice({ kind: 'Telefon', identifier: 356938035643809, purchaseDate: new Date(Date.UTC(2025, 1, 28)), cost: 3999.5 }, TODAY),
    ).toEqual({
      ok: true,
      value: { kind: 'mobiltelefon', identifier: '356938035643809', purchaseDate: '2025-02-28', cost: 3999.5 },
    });
  });

  it('refuses each bad value with a Swedish message naming the column and the value', () => {
    const headers = ['Typ', 'Serienummer', 'Inköpsdatum', 'Innehavare', 'Kostnad', 'Status'];
    const columns = deviceColumns(headers);
    const read = readDevice(rowCells(['Kaffebryggare', '', 'i våras', 'Anna Andersson', 'gratis', 'borttappad'], columns), TODAY);
    expect(read.ok).toBe(false);
    expect(!read.ok && rowMessages(read.problems, columns, headers)).toEqual([
      'Kolumnen "Typ": "Kaffebryggare" är ingen känd typ – skriv dator, mobiltelefon, surfplatta, abonnemang eller övrigt.',
      'Kolumnen "Serienummer" är tom: ange serienummer, IMEI eller abonnemangsnummer (den identiteten känns enheten igen på).',
      'Kolumnen "Inköpsdatum": "i våras" är inget datum (skriv t.ex. 2024-03-15).',
      'Kolumnen "Innehavare": "Anna Andersson" är ingen e-postadress eller inloggning (UPN) – skriv t.ex. anna.andersson@kommun.se.',
      'Kolumnen "Kostnad": "gratis" är inget belopp i kronor (skriv t.ex. 2 499 eller 2499,50).',
      'Kolumnen "Status": "borttappad" är ingen känd status – skriv i bruk, återlämnad, skrotad, avslutad, flyttad.',
    ]);
    const future = readDevice({ kind: 'dator', identifier: 'PC-9', purchaseDate: '2027-01-01', cost: '-5' }, TODAY);
    expect(!future.ok && future.problems).toEqual([
      { field: 'purchaseDate', message: '2027-01-01 ligger i framtiden.' },
      { field: 'cost', message: '"-5" är inget belopp i kronor (skriv t.ex. 2 499 eller 2499,50).' },
    ]);
  });
});

describe('re-import', () => {
  const stored = {
    kind: 'dator',
    identifier: 'PC-1',
    title: 'Bärbar dator',
    model: 'Latitude 5440',
    purchaseDate: '2024-01-10T00:00:00Z',
    holderEmail: 'kim@exempelkommun.se',
    cost: 12000,
    status: 'återlämnad',
    notes: null,
  };

  it('changes nothing when the file says what is stored, and leaves out columns the file lacks', () => {
    expect(
      deviceChanges(stored, {
        kind: 'dator',
        identifier: 'pc-1',
        model: 'Latitude 5440',
        purchaseDate: '2024-01-10' as CalendarDate,
        holder: 'kim@exempelkommun.se',
        cost: 12000,
      }),
    ).toEqual({});
  });

  it('is one change when the holder changed; a manager’s status stays unless the file has a status', () => {
    const changes = deviceChanges(stored, { kind: 'dator', identifier: 'PC-1', holder: 'ola@exempelkommun.se', cost: 11000 });
    expect(changes).toEqual({ holder: 'ola@exempelkommun.se', cost: 11000 });
    expect(describeChanges(changes)).toBe('innehavare, kostnad');
    expect(deviceChanges(stored, { kind: 'dator', identifier: 'PC-1', holder: null })).toEqual({ holder: null });
  });
});
