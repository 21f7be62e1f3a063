// Every page but the login is loaded on demand: the login page (and the shell) never fetch the form engine (rjsf,
// ajv, the platform's rules), charts or spreadsheets; each page brings the chunks it needs when first opened.
import { lazy } from 'react';

export const HomePage = lazy(() => import('../pages/HomePage').then((m) => ({ default: m.HomePage })));
export const RecordPage = lazy(() => import('../pages/RecordPage').then((m) => ({ default: m.RecordPage })));
export const ParametersPage = lazy(() => import('../pages/ParametersPage').then((m) => ({ default: m.ParametersPage })));
export const QueuePage = lazy(() => import('../pages/QueuePage').then((m) => ({ default: m.QueuePage })));
export const RankingPage = lazy(() => import('../pages/RankingPage').then((m) => ({ default: m.RankingPage })));
export const PrintPage = lazy(() => import('../pages/PrintPage').then((m) => ({ default: m.PrintPage })));
export const AdminRoutes = lazy(() => import('../pages/admin/AdminRoutes').then((m) => ({ default: m.AdminRoutes })));
export const ReportsPage = lazy(() => import('../pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
export const ReportPage = lazy(() => import('../pages/reports/ReportPage').then((m) => ({ default: m.ReportPage })));
export const ImportPage = lazy(() => import('../pages/imports/ImportPage').then((m) => ({ default: m.ImportPage })));
export const ChangePasswordPage = lazy(() => import('../pages/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
export const NotFoundPage = lazy(() => import('../pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
export const TodosPage = lazy(() => import('./TodosPage').then((m) => ({ default: m.TodosPage })));
export const MyRecordsPage = lazy(() => import('./MyRecordsPage').then((m) => ({ default: m.MyRecordsPage })));
export const MessagesPage = lazy(() => import('./MessagesPage').then((m) => ({ default: m.MessagesPage })));
