// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

class tst_badinput : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(tst_badinput)
#include "tst_badinput.moc"
